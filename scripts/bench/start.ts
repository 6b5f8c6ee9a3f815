// Benchmark (not a test): time from `npm start` (build present) to the first HTTP 200, and the
// server's idle resident memory. Usage: npm run bench:start [-- --runs 5]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

if (!fs.existsSync(path.join(root, 'build/handler.js'))) {
  console.log('Building once first…');
  spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
}

function treeRssKb(pid: number): { total: number; largest: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      rss.set(Number(entry), m ? Number(m[1]) : 0);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  let largest = 0;
  const walk = (p: number) => {
    total += rss.get(p) ?? 0;
    largest = Math.max(largest, rss.get(p) ?? 0);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return { total, largest };
}

async function once(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, OTKLIK_DATA: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
    detached: true,
  });
  let ms: number;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.status === 200) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 5000));
  const mem = treeRssKb(child.pid!);
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, mem };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-'));
const results = [];
for (let i = 0; i < runs; i++) results.push(await once(dataDir, 3900 + i));
fs.rmSync(dataDir, { recursive: true, force: true });

const times = results.map((r) => r.ms).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const server = Math.max(...results.map((r) => r.mem.largest)) / 1024;
const tree = Math.max(...results.map((r) => r.mem.total)) / 1024;
console.log(`runs: ${runs} (first run also creates and seeds the database)`);
console.log(
  `npm start → first HTTP 200: median ${median.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms (target ≤ 3000 ms)`,
);
console.log(
  `idle RSS of the server process: ${server.toFixed(0)} MB (target ≤ 150 MB); whole tree incl. the npm launcher: ${tree.toFixed(0)} MB`,
);
