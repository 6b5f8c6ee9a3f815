import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/auth/auth.service';
import { appealsWorld, inbound } from '../support/appeals';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

const REDIS_HINT =
  'Redis is needed for the multi-node test: run `npm test` (scripts/services/redis.sh starts one) or set OTKLIK_TEST_REDIS_URL (Debian: apt-get install redis-server).';

let t: TestDb;
const nodes: ChildProcess[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(
    nodes.map(
      (n) =>
        new Promise((resolve) => {
          n.once('exit', resolve);
          if (n.connected) n.disconnect();
          else n.kill();
        }),
    ),
  );
  await t.drop();
});

type Reply = { kind: string; url?: string; number?: string; message?: string };

/** A separate app process on the same database and Redis. */
async function startNode(redisUrl: string): Promise<ChildProcess & { url: string }> {
  const child = fork(path.resolve(import.meta.dirname, '../support/app-node.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ...t.env,
      DATABASE_URL: t.env.DATABASE_URL ?? '',
      REDIS_URL: redisUrl,
      OTKLIK_SEED_ON_FIRST_START: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  nodes.push(child);
  const ready = await reply(child, 'ready');
  return Object.assign(child, { url: ready.url! });
}

const reply = (child: ChildProcess, kind: string) =>
  new Promise<Reply>((resolve, reject) => {
    const on = (m: Reply) => {
      if (m.kind === 'error') reject(new Error(m.message));
      if (m.kind !== kind) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });

describe('several app nodes (issue 11)', () => {
  it('delivers an appeal received on node A to a console connected to node B, through Redis', async () => {
    const redisUrl = process.env.OTKLIK_TEST_REDIS_URL;
    if (!redisUrl) throw new Error(REDIS_HINT);
    // The nodes run on the real clock: the session must be valid now.
    const ctx = testContext(t.db, new Date().toISOString());
    const world = await appealsWorld(ctx);
    const supervisor = await makeUser(ctx, ['supervisor']);
    const { token } = await signIn(ctx, { email: supervisor.email, password: TEST_PASSWORD });
    const [a, b] = await Promise.all([startNode(redisUrl), startNode(redisUrl)]);

    const socket = connectClient(b.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: `otklik_session=${token}` },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const got = new Promise<{ name: string; payload: { number?: string } }>((resolve) =>
      socket.on('event', (e: { name: string; payload: { number?: string } }) => {
        if (e.name === 'appeal.created') resolve(e);
      }),
    );
    a.send({ cmd: 'inbound', message: inbound(world.email, { subject: 'Через другой узел' }) });
    const received = await reply(a, 'received');
    const event = await got;
    expect(event.payload.number).toBe(received.number);

    // Presence is shared too: node B's tab is in the database every node reads.
    const tabs = await t.db.selectFrom('presence').select(['user_id', 'gone_at']).execute();
    expect(tabs).toEqual([{ user_id: supervisor.userId, gone_at: null }]);
  }, 120_000);
});
