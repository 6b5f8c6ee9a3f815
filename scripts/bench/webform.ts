// `npm run bench:webform`: the speed target for the web form — 50 submissions/s for
// 60 s on loopback against the built server, no errors, p95 ≤ 200 ms, every appeal stored.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const root = path.resolve(import.meta.dirname, '../..');
const RATE = Number(process.argv[2] ?? 50);
const SECONDS = Number(process.argv[3] ?? 60);

if (!fs.existsSync(path.join(root, 'build', 'otklik-server.mjs'))) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-webform-'));
const server = spawn('node', ['scripts/start.mjs'], {
  cwd: root,
  env: {
    ...process.env,
    OTKLIK_DATA: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    REDIS_URL: '',
    OTKLIK_LOG_LEVEL: 'error',
    OTKLIK_WEBFORM_RATE_PER_HOUR: '1000000',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
const base = await new Promise<string>((resolve, reject) => {
  const onData = (chunk: Buffer) => {
    log += chunk.toString();
    const m = /running at (http:\/\/\S+)/.exec(log);
    if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
  };
  server.stdout!.on('data', onData);
  server.stderr!.on('data', onData);
  server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
});

const db = new Database(path.join(dataDir, 'otklik.sqlite'), { readonly: true });
const count = () =>
  (db.prepare(`select count(*) as n from appeals where channel = 'webform'`).get() as { n: number })
    .n;
const before = count();

let seq = 0;
async function submit(): Promise<{ ms: number; ok: boolean; status: number }> {
  const n = ++seq;
  const body = new URLSearchParams({
    surname: 'Нагрузочная',
    firstName: 'Проба',
    email: `bench${n}@load.example`,
    subject: `Нагрузочная проверка ${n}`,
    text: 'Здравствуйте! Проверяем, что форма выдерживает поток обращений.',
    consent: 'yes',
    lang: 'ru',
    website: '',
    submissionId: `bench-${process.pid}-${String(n).padStart(10, '0')}`,
  });
  const start = performance.now();
  try {
    const res = await fetch(`${base}/f/obrashcheniya`, {
      method: 'POST',
      body,
      redirect: 'manual',
      // A browser without JavaScript: the action answers with a 303 to the success page.
      headers: {
        origin: base,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    await res.arrayBuffer();
    return { ms: performance.now() - start, ok: res.status === 303, status: res.status };
  } catch {
    return { ms: performance.now() - start, ok: false, status: 0 };
  }
}

const results: Promise<{ ms: number; ok: boolean; status: number }>[] = [];
const started = performance.now();
const total = RATE * SECONDS;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    while (results.length < due) results.push(submit());
    if (results.length >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});
const done = await Promise.all(results);
const elapsed = (performance.now() - started) / 1000;
const times = done.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
const errors = done.filter((r) => !r.ok);
await new Promise((r) => setTimeout(r, 500));
const stored = count() - before;
const report = {
  target: `${RATE}/s for ${SECONDS}s`,
  sent: done.length,
  seconds: Number(elapsed.toFixed(1)),
  errors: errors.length,
  statuses: [...new Set(errors.map((e) => e.status))],
  p50ms: Number(pct(50).toFixed(1)),
  p95ms: Number(pct(95).toFixed(1)),
  p99ms: Number(pct(99).toFixed(1)),
  maxMs: Number(times.at(-1)!.toFixed(1)),
  appealsStored: stored,
  lost: done.length - stored,
};
console.log(JSON.stringify(report, null, 2));
db.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });
const pass = report.errors === 0 && report.p95ms <= 200 && report.lost === 0;
console.log(pass ? 'PASS' : 'FAIL');
process.exit(pass ? 0 : 1);
