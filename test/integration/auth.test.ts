import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession, signIn, signOut } from '../../src/lib/server/auth/auth.service';
import { FREE_ATTEMPTS } from '../../src/lib/server/auth/lockout';
import { DomainError } from '../../src/lib/server/errors';
import { updateUserAccess } from '../../src/lib/server/users/users.service';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('sign-in', () => {
  it('opens a session for the right password and resolves it from the token', async () => {
    const ctx = testContext(t.db);
    const user = await makeUser(ctx, ['operator', 'supervisor']);
    const session = await signIn(ctx, { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(session.token.length).toBeGreaterThanOrEqual(43);
    const resolved = await resolveSession(ctx, session.token);
    expect(resolved?.user).toMatchObject({ id: user.userId, roles: ['operator', 'supervisor'] });
    const stored = await t.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(session.token);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const ctx = testContext(t.db);
    const user = await makeUser(ctx, ['operator']);
    const unknown = await failure(signIn(ctx, { email: 'nobody@otklik.test', password: 'x' }));
    const wrong = await failure(signIn(ctx, { email: user.email, password: 'wrong-password' }));
    expect([unknown.code, unknown.message]).toEqual(['UNAUTHENTICATED', 'auth.invalid']);
    expect([wrong.code, wrong.message]).toEqual(['UNAUTHENTICATED', 'auth.invalid']);
  });

  it('locks the account after repeated failures, with a back-off that doubles', async () => {
    const ctx = testContext(t.db);
    const user = await makeUser(ctx, ['operator']);
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      await failure(signIn(ctx, { email: user.email, password: 'wrong-password' }));
    }
    const locked = await failure(signIn(ctx, { email: user.email, password: TEST_PASSWORD }));
    expect(locked.code).toBe('LOCKED');
    expect(locked.details).toEqual({ minutes: 1, retryAfter: 60 });

    ctx.clock.advance(61_000);
    await failure(signIn(ctx, { email: user.email, password: 'wrong-again' }));
    const second = await failure(signIn(ctx, { email: user.email, password: TEST_PASSWORD }));
    expect(second.details).toEqual({ minutes: 2, retryAfter: 120 });

    ctx.clock.advance(121_000);
    const ok = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    expect(ok.user.id).toBe(user.userId);
    const row = await t.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(0);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.locked')
      .execute();
    expect(audit.filter((a) => a.entity_id === String(user.userId))).toHaveLength(2);
  });

  it('expires sessions after the configured time and on sign-out', async () => {
    const ctx = testContext(t.db);
    const user = await makeUser(ctx, ['editor']);
    const a = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    const b = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    await signOut(ctx, a.token);
    expect(await resolveSession(ctx, a.token)).toBeNull();
    expect(await resolveSession(ctx, b.token)).not.toBeNull();
    ctx.clock.advance(13 * 3_600_000);
    expect(await resolveSession(ctx, b.token)).toBeNull();
  });

  it('refuses a deactivated user and ends their open sessions', async () => {
    const ctx = testContext(t.db);
    const admin = await makeUser(ctx, ['admin']);
    const user = await makeUser(ctx, ['operator']);
    const session = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    await updateUserAccess(ctx, admin, {
      userId: user.userId,
      roles: ['operator'],
      unitIds: [],
      active: false,
    });
    expect(await resolveSession(ctx, session.token)).toBeNull();
    const err = await failure(signIn(ctx, { email: user.email, password: TEST_PASSWORD }));
    expect(err.message).toBe('auth.invalid');
  });
});
