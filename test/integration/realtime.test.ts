import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/auth/auth.service';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/attach';
import { createUser } from '../../src/lib/server/users/users.service';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

let t: TestDb;
const servers: { server: http.Server; realtime: Realtime }[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const { server, realtime } of servers) {
    await realtime.close();
    server.close();
  }
  await t.drop();
});

async function startNode(ctx: TestContext, redisUrl?: string): Promise<string> {
  const server = http.createServer();
  const realtime = await attachRealtime(server, ctx, redisUrl);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ server, realtime });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function connectAs(url: string, token: string | null): Promise<Socket> {
  const socket = connectClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: token ? { cookie: `otklik_session=${token}` } : {},
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

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
    const url = await startNode(ctx);
    await expect(connectAs(url, null)).rejects.toThrow('unauthenticated');
    await expect(connectAs(url, 'forged-token')).rejects.toThrow('unauthenticated');
  });

  it('pushes an event after commit to the rooms allowed to see it, and no one else', async () => {
    const ctx = testContext(t.db);
    const url = await startNode(ctx);
    const admin = await connectAs(url, await tokenFor(ctx, ['admin']));
    const operator = await connectAs(url, await tokenFor(ctx, ['operator']));
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
    await startNode(nodeA, redisUrl);
    const urlB = await startNode(nodeB, redisUrl);
    const admin = await connectAs(urlB, await tokenFor(nodeB, ['admin']));
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
