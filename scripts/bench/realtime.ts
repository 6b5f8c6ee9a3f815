// `npm run bench:realtime [-- --clients 300 --rate 20 --seconds 60]`: issue 11's target —
// 300 consoles connected on loopback, appeals created at 20/s for 60 s; latency from the commit
// (the event's `at`) to delivery at every client, p50/p95/p99 (target p95 ≤ 100 ms), and the
// server's memory. The server runs in its own process (scripts/bench/realtime/node.ts).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { percentile } from './stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLIENTS = arg('clients', 300);
const RATE = arg('rate', 20);
const SECONDS = arg('seconds', 60);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-realtime-'));
const node = fork(path.join(import.meta.dirname, 'realtime/node.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    OTKLIK_DATA: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    OTKLIK_SEED_ON_FIRST_START: '0',
    BENCH_CLIENTS: String(CLIENTS),
  },
});
const cleanup = () => {
  if (node.connected) node.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
};

type Ready = { kind: 'ready'; url: string; tokens: string[] };
type Done = {
  kind: 'done';
  created: number;
  errors: string[];
  errorCount: number;
  peakRss: number;
  peakHeap: number;
};
const message = <T>(kind: string) =>
  new Promise<T>((resolve, reject) => {
    node.on('message', (m: { kind: string }) => m.kind === kind && resolve(m as T));
    node.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });

try {
  console.log(`Preparing ${CLIENTS} users and sessions…`);
  const ready = await message<Ready>('ready');
  const latencies: number[] = [];
  const sockets: Socket[] = [];
  await Promise.all(
    ready.tokens.map(
      (token) =>
        new Promise<void>((resolve, reject) => {
          const socket = io(ready.url, {
            path: '/socket.io',
            transports: ['websocket'],
            extraHeaders: { cookie: `otklik_session=${token}` },
            reconnection: false,
          });
          sockets.push(socket);
          socket.on('event', (e: { name: string; at: string }) => {
            if (e.name === 'appeal.created') latencies.push(Date.now() - Date.parse(e.at));
          });
          socket.once('ready', () => resolve());
          socket.once('connect_error', reject);
        }),
    ),
  );
  console.log(`${sockets.length} clients connected; creating ${RATE} appeals/s for ${SECONDS} s…`);
  const done = message<Done>('done');
  node.send({ cmd: 'run', rate: RATE, seconds: SECONDS });
  const result = await done;
  for (const s of sockets) s.close();

  const sorted = latencies.sort((a, b) => a - b);
  const pct = (p: number) => percentile(sorted, p / 100);
  const expected = result.created * CLIENTS;
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  console.log(
    `appeals created: ${result.created} of ${RATE * SECONDS}, errors: ${result.errorCount}`,
  );
  if (result.errors.length) console.log(`  first errors: ${result.errors.join('; ')}`);
  console.log(
    `deliveries: ${sorted.length} of ${expected} (${CLIENTS} clients × ${result.created})`,
  );
  console.log(
    `commit → client latency: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms (target p95 ≤ 100 ms)`,
  );
  console.log(`server memory: peak RSS ${mb(result.peakRss)}, peak heap ${mb(result.peakHeap)}`);
  cleanup();
  process.exit(sorted.length === expected && result.errorCount === 0 ? 0 : 1);
} catch (err) {
  console.error(err);
  cleanup();
  process.exit(1);
}
