import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import { resolveSession, signIn, type SessionUser } from '../../src/lib/server/auth/auth.service';
import { appRouter, createCaller } from '../../src/lib/server/trpc/router';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

/**
 * Who may call each tRPC procedure: 'anonymous' is open to everyone, 'any' to every signed-in
 * user. A procedure missing here fails the test: a new one must be declared.
 */
const EXPECTED: Record<string, readonly Role[] | 'any' | 'anonymous'> = {
  'me.get': 'any',
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.updateAccess': ['admin'],
  'users.setLocale': 'any',
  'units.list': 'any',
  'units.create': ['admin'],
  'registry.rows': ROLES,
  'registry.published': 'anonymous',
  'registry.proposals': ROLES,
  'registry.propose': ROLES,
  'registry.withdraw': ROLES,
  'registry.approve': ['maintainer'],
  'registry.return': ['maintainer'],
  'registry.versions': ['maintainer'],
  'registry.version': ['maintainer'],
  'registry.compare': ['maintainer'],
  'registry.publish': ['maintainer'],
};

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

function allows(rule: (typeof EXPECTED)[string], who: Caller): boolean {
  if (rule === 'anonymous') return true;
  if (who === 'anonymous') return false;
  return rule === 'any' || rule.includes(who);
}

let t: TestDb;
let ctx: TestContext;
const users = new Map<Caller, SessionUser | null>();

beforeAll(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
  users.set('anonymous', null);
  for (const role of ROLES) {
    const u = await makeUser(ctx, [role]);
    const { token } = await signIn(ctx, { email: u.email, password: TEST_PASSWORD });
    users.set(role, (await resolveSession(ctx, token))!.user);
  }
});
afterAll(() => t.drop());

/** What a refused call must leave untouched. */
async function footprint() {
  const count = async (table: 'audit_log' | 'users' | 'units' | 'registry_proposals') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const locales = await t.db.selectFrom('users').select(['id', 'locale']).orderBy('id').execute();
  return {
    audit: await count('audit_log'),
    users: await count('users'),
    units: await count('units'),
    proposals: await count('registry_proposals'),
    locales,
  };
}

async function outcome(path: string, who: Caller): Promise<string> {
  const caller = createCaller({ user: users.get(who) ?? null, services: ctx });
  const fn = path.split('.').reduce<unknown>((node, key) => (node as never)[key], caller) as (
    input?: unknown,
  ) => Promise<unknown>;
  try {
    await fn(undefined);
    return 'OK';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe('tRPC access table', () => {
  it('declares every procedure of the router, and nothing the router lacks', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets only the declared roles past the guard; the rest are refused and change nothing', async () => {
    const refused: string[] = [];
    const passed: string[] = [];
    for (const [path, rule] of Object.entries(EXPECTED)) {
      for (const who of CALLERS) {
        const before = await footprint();
        const got = await outcome(path, who);
        if (allows(rule, who)) {
          passed.push(`${path} ${who} ${got}`);
          expect(got, `${path} as ${who}`).not.toMatch(/^(UNAUTHORIZED|FORBIDDEN)$/);
        } else {
          refused.push(`${path} ${who} ${got}`);
          expect(got, `${path} as ${who}`).toBe(who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
          expect(await footprint(), `${path} as ${who} changed data`).toEqual(before);
        }
      }
    }
    // Both sides of the table were exercised.
    expect(refused.length).toBeGreaterThan(40);
    expect(passed.length).toBeGreaterThan(40);
  });
});
