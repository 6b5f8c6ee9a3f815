import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, resolveSession } from '../../src/lib/server/auth/auth.service';
import { createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function callerFor(roles: Parameters<typeof makeUser>[1] | null) {
  const ctx = testContext(t.db);
  if (!roles) return { caller: createCaller({ user: null, services: ctx }), ctx };
  const u = await makeUser(ctx, roles);
  const { token } = await signIn(ctx, { email: u.email, password: TEST_PASSWORD });
  const session = await resolveSession(ctx, token);
  return { caller: createCaller({ user: session!.user, services: ctx }), ctx };
}

describe('tRPC access', () => {
  it('lets an admin list and create users', async () => {
    const { caller } = await callerFor(['admin']);
    await caller.users.create({
      email: 'new@otklik.test',
      name: 'Новикова Ольга',
      password: 'пароль-надёжный',
      roles: ['operator'],
      unitIds: [],
    });
    const users = await caller.users.list();
    expect(users.map((u) => u.email)).toContain('new@otklik.test');
  });

  it('answers FORBIDDEN to an operator calling an admin procedure and changes nothing', async () => {
    const { caller } = await callerFor(['operator']);
    const before = await t.db.selectFrom('users').select('id').execute();
    await expect(caller.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      caller.users.create({
        email: 'sneaky@otklik.test',
        name: 'Хитров',
        password: 'пароль-надёжный',
        roles: ['admin'],
        unitIds: [],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.units.create({ name: 'Отдел захвата' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('answers UNAUTHORIZED to an anonymous caller', async () => {
    const { caller } = await callerFor(null);
    await expect(caller.me.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(caller.units.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('maps domain errors to client errors with the message key', async () => {
    const { caller } = await callerFor(['admin']);
    await expect(
      caller.users.create({
        email: 'bad',
        name: 'Х',
        password: 'пароль-надёжный',
        roles: ['operator'],
        unitIds: [],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'users.invalidEmail' });
  });

  it('serves the registry: staff propose, only the maintainer approves, anyone reads the published version', async () => {
    const { caller: operator } = await callerFor(['operator']);
    const { caller: maintainer } = await callerFor(['maintainer']);
    const { caller: anonymous } = await callerFor(null);
    expect(await anonymous.registry.published()).toBeNull();
    const areaId = await maintainerArea();
    const proposalId = await operator.registry.propose({
      reason: 'new_touchpoint',
      reasonText: null,
      change: {
        kind: 'add',
        process: { areaId, name: 'Приём обращений граждан', unitId: null, clientKind: 'external' },
        touchpoint: {
          name: 'Интернет-приёмная',
          mode: 'online',
          channel: 'webform',
          address: 'https://minobr.example/priemnaya',
          description: null,
        },
        needs: ['submit'],
        needsOther: null,
        specifics: null,
      },
    });
    await expect(operator.registry.approve({ ids: [proposalId] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      operator.registry.propose({
        reason: 'exclusion',
        change: { kind: 'exclude', rowId: -1 },
      } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { versionNumber } = await maintainer.registry.approve({ ids: [proposalId] });
    await maintainer.registry.publish({ number: versionNumber });
    const published = await anonymous.registry.published();
    expect(published?.entries.map((e) => e.touchpoint)).toEqual(['Интернет-приёмная']);
  });

  async function maintainerArea() {
    const { id } = await t.db
      .insertInto('activity_areas')
      .values({
        name: 'Рассмотрение обращений и запросов',
        client_kind: 'external',
        position: 1,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  it('lets any signed-in user switch their own language', async () => {
    const { caller, ctx } = await callerFor(['operator']);
    const me = await caller.me.get();
    await caller.users.setLocale({ locale: 'en' });
    const row = await ctx.db
      .selectFrom('users')
      .select('locale')
      .where('id', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
  });
});
