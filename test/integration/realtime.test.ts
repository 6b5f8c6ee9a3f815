import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/auth/auth.service';
import { createUser } from '../../src/lib/server/users/users.service';
import { realtimeNodes } from '../support/realtime';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

let t: TestDb;
const live = realtimeNodes();

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await live.closeAll();
  await t.drop();
});

async function tokenFor(ctx: TestContext, roles: Parameters<typeof makeUser>[1]) {
  const u = await makeUser(ctx, roles);
  return (await signIn(ctx, { email: u.email, password: TEST_PASSWORD })).token;
}

type Received = { name: string; payload: { email?: string } };

/** The first event about `email` (other suites may share the Redis server), or null. */
const eventAbout = (socket: Socket, email: string, ms = 2000) =>
  new Promise<Received | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    socket.on('event', (e: Received) => {
      if (e.payload.email !== email) return;
      clearTimeout(timer);
      resolve(e);
    });
  });

describe('realtime', () => {
  it('refuses a connection without a valid session', async () => {
    const ctx = testContext(t.db);
    const url = await live.start(ctx);
    await expect(live.connect(url, null)).rejects.toThrow('unauthenticated');
    await expect(live.connect(url, 'forged-token')).rejects.toThrow('unauthenticated');
  });

  it('pushes an event after commit to the rooms allowed to see it, and no one else', async () => {
    const ctx = testContext(t.db);
    const url = await live.start(ctx);
    const admin = await live.connect(url, await tokenFor(ctx, ['admin']));
    const operator = await live.connect(url, await tokenFor(ctx, ['operator']));
    const adminGot = eventAbout(admin, 'live@otklik.test');
    const operatorGot = eventAbout(operator, 'live@otklik.test', 500);
    await createUser(
      ctx,
      { kind: 'system' },
      {
        email: 'live@otklik.test',
        name: 'Живой Пользователь',
        password: 'пароль-надёжный',
        roles: ['operator'],
      },
    );
    expect(await adminGot).toMatchObject({
      name: 'user.created',
      payload: { email: 'live@otklik.test' },
    });
    expect(await operatorGot).toBeNull();
  });

  it('delivers an event published on node A to a client of node B through Redis', async () => {
    const redisUrl = process.env.OTKLIK_TEST_REDIS_URL;
    if (!redisUrl) {
      throw new Error(
        'Redis is needed for the multi-node test: run `npm test` (scripts/services/redis.sh starts one) or set OTKLIK_TEST_REDIS_URL (Debian: apt-get install redis-server).',
      );
    }
    // Two nodes: separate buses as in two processes, one database.
    const nodeA = testContext(t.db);
    const nodeB = testContext(t.db);
    await live.start(nodeA, redisUrl);
    const urlB = await live.start(nodeB, redisUrl);
    const admin = await live.connect(urlB, await tokenFor(nodeB, ['admin']));
    const email = `cross-node-${Math.random().toString(36).slice(2)}@otklik.test`;
    const got = eventAbout(admin, email, 3000);
    await createUser(
      nodeA,
      { kind: 'system' },
      { email, name: 'Межузлов Иван', password: 'пароль-надёжный', roles: ['operator'] },
    );
    expect(await got).toMatchObject({ name: 'user.created', payload: { email } });
  });
});
