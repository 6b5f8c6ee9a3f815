import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/lib/server/context';
import { DomainError } from '../../src/lib/server/errors';
import { createUnit, listUnits } from '../../src/lib/server/units/units.service';
import { allUsers, createUser, updateUserAccess } from '../../src/lib/server/users/users.service';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { makeUnit, makeUser } from '../support/factories';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

const valid = {
  email: 'Petrov@Minobr.example',
  name: 'Петров Пётр Петрович',
  password: 'длинный-пароль-2026',
  roles: ['operator'],
};

describe('users and units', () => {
  it('creates a user with roles and units, audits it and publishes the event after commit', async () => {
    const ctx = testContext(t.db);
    const admin = await makeUser(ctx, ['admin']);
    const unitId = await makeUnit(ctx, 'Отдел общего образования');
    ctx.events.length = 0;
    const id = await createUser(ctx, admin, {
      ...valid,
      roles: ['operator', 'editor'],
      unitIds: [unitId],
    });
    const listed = (await allUsers(ctx, admin)).find((u) => u.id === id);
    expect(listed).toMatchObject({
      email: 'petrov@minobr.example',
      roles: expect.arrayContaining(['operator', 'editor']),
      units: [{ id: unitId, name: 'Отдел общего образования' }],
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.userId);
    expect(ctx.events.map((e) => e.name)).toEqual(['user.created']);
    expect((await listUnits(ctx)).find((u) => u.id === unitId)?.memberCount).toBe(1);
  });

  it.each([
    [{ email: 'not-an-email' }, 'users.invalidEmail'],
    [{ email: 'short@otklik.test', password: 'short' }, 'password.tooShort'],
    [{ email: 'same@otklik.test', password: 'same@otklik.test' }, 'password.sameAsEmail'],
    [{ email: 'norole@otklik.test', roles: [] }, 'users.roleRequired'],
    [{ email: 'badrole@otklik.test', roles: ['root'] }, 'users.unknownRole'],
    [{ email: 'petrov@minobr.example' }, 'users.emailTaken'],
  ])('rejects %o with %s and writes nothing', async (override, message) => {
    const ctx = testContext(t.db);
    const before = await t.db.selectFrom('users').select('id').execute();
    ctx.events.length = 0;
    const err = await createUser(ctx, SYSTEM, { ...valid, ...override }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toBe(message);
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    expect(ctx.events).toEqual([]);
  });

  it('denies non-admins in the service itself, not only at the transport', async () => {
    const ctx = testContext(t.db);
    const operator = await makeUser(ctx, ['operator', 'supervisor', 'editor', 'maintainer']);
    await expect(
      createUser(ctx, operator, { ...valid, email: 'x@otklik.test' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createUnit(ctx, operator, { name: 'Тайный отдел' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await listUnits(ctx)).map((u) => u.name)).not.toContain('Тайный отдел');
  });

  it('keeps an admin from locking themself out', async () => {
    const ctx = testContext(t.db);
    const admin = await makeUser(ctx, ['admin']);
    await expect(
      updateUserAccess(ctx, admin, {
        userId: admin.userId,
        roles: ['operator'],
        unitIds: [],
        active: true,
      }),
    ).rejects.toMatchObject({ message: 'users.cannotDemoteSelf' });
  });

  it('rolls back and publishes nothing when the transaction fails', async () => {
    const ctx = testContext(t.db);
    ctx.events.length = 0;
    const err = await createUser(ctx, SYSTEM, {
      ...valid,
      email: 'ghost@otklik.test',
      unitIds: [999_999],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(
      await t.db.selectFrom('users').where('email', '=', 'ghost@otklik.test').selectAll().execute(),
    ).toEqual([]);
    expect(ctx.events).toEqual([]);
  });
});
