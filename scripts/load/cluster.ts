// The system under load: a fresh PostgreSQL database, a private Redis, and app nodes running a
// snapshot of build/ (another build may replace build/ while the run goes on).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(import.meta.dirname, '../..');
/** The public address both nodes name in links and check in the CSRF origin check. */
export const ORIGIN = 'http://otklik.load.test';

export interface AppNode {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  alive: boolean;
  killedAt: number | null;
  rss: { first: number; peak: number; last: number };
  cpuTicks: { first: number; last: number; at: [number, number] };
}

const cleanups: (() => void | Promise<void>)[] = [];
export const onCleanup = (fn: () => void | Promise<void>) => cleanups.push(fn);
export async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      console.error('cleanup:', err instanceof Error ? err.message : err);
    }
  }
}

function service(script: string, env: Record<string, string> = {}, args: string[] = []) {
  const r = spawnSync('bash', [path.join(root, 'scripts/services', script), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr}`);
  return r.stdout.trim();
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A database of its own on the PostgreSQL scripts/services/postgres.sh finds or starts. */
export async function freshDatabase(keep: boolean): Promise<string> {
  const base = new URL(service('postgres.sh'));
  const name = `otklik_load_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  onCleanup(async () => {
    if (keep) return console.log(`kept database ${name}`);
    const c = new pg.Client({ connectionString: base.toString() });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A private Redis for the run: socket.io's Redis adapter publishes on fixed channel names, so
 * nodes of another test on a shared Redis would hear this run's events and it theirs.
 */
export async function privateRedis(): Promise<string> {
  const env = {
    OTKLIK_REDIS_FORCE_OWN: '1',
    OTKLIK_REDIS_PORT: String(await freePort()),
    OTKLIK_REDIS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-load-redis-')),
  };
  const url = service('redis.sh', env);
  onCleanup(() => void service('redis.sh', env, ['stop', '--purge']));
  return url;
}

/** A copy of build/ (built first when missing) that resolves packages from this checkout. */
export function snapshotBuild(): string {
  if (!fs.existsSync(path.join(root, 'build', 'otklik-server.mjs'))) {
    console.log('No build found: npm run build…');
    const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-load-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(root, 'build'), path.join(dir, 'build'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

export function sharedEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    ORIGIN,
    OTKLIK_SECRET_KEY: randomBytes(32).toString('base64'),
    // No mail server here: nothing to watch, the outbox waits (replies are still queued in it).
    OTKLIK_INGEST: '0',
    OTKLIK_DELIVERY: '0',
    // All load comes from 127.0.0.1: the per-address limit would refuse it after 10.
    OTKLIK_WEBFORM_RATE_PER_HOUR: '100000000',
    OTKLIK_LOG_LEVEL: 'error',
  };
}

const procStatus = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
};
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(procStatus(pid))?.[1] ?? 0) * 1024;
const cpuTicksOf = (pid: number) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
};

export async function startNode(
  name: string,
  snapshot: string,
  env: Record<string, string>,
): Promise<AppNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `otklik-load-${name}-`));
  onCleanup(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [path.join(snapshot, 'build', 'otklik-server.mjs')], {
    cwd: root,
    env: { ...process.env, ...env, OTKLIK_DATA: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onCleanup(() => stopNode(child));
  process.once('exit', () => child.kill('SIGKILL'));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node ${name} did not start:\n${log}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`node ${name} exited with ${code}:\n${log}`)));
  });
  const node: AppNode = {
    name,
    url,
    pid: child.pid!,
    child,
    alive: true,
    killedAt: null,
    rss: { first: rssOf(child.pid!), peak: 0, last: 0 },
    cpuTicks: { first: cpuTicksOf(child.pid!), last: NaN, at: [Date.now(), Date.now()] },
  };
  // Errors the node logs while under load are part of the result.
  const errors: string[] = [];
  child.stdout!.removeAllListeners('data');
  child.stderr!.removeAllListeners('data');
  child.stderr!.on('data', (c: Buffer) => {
    for (const line of c.toString().split('\n'))
      if (errors.length < 5000 && /^\[|Error/.test(line) && !/^\s+at /.test(line))
        errors.push(line.trim().slice(0, 200));
  });
  child.stdout!.on('data', () => undefined);
  child.once('exit', () => (node.alive = false));
  nodeErrors.set(name, errors);
  return node;
}

export const nodeErrors = new Map<string, string[]>();

async function stopNode(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const exited = new Promise((r) => child.once('exit', r));
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export function killNode(node: AppNode) {
  sample(node);
  node.killedAt = Date.now();
  node.child.kill('SIGKILL');
}

export function sample(node: AppNode) {
  if (!node.alive || node.killedAt) return;
  const rss = rssOf(node.pid);
  const ticks = cpuTicksOf(node.pid);
  if (!rss || Number.isNaN(ticks)) return;
  node.rss.peak = Math.max(node.rss.peak, rss);
  node.rss.last = rss;
  node.cpuTicks.last = ticks;
  node.cpuTicks.at[1] = Date.now();
}

/** Average CPU use of a node over the sampled time, in % of one core (clock ticks at 100 Hz). */
export function cpuPercent(node: AppNode): number {
  const seconds = (node.cpuTicks.at[1] - node.cpuTicks.at[0]) / 1000;
  return seconds > 0 ? (node.cpuTicks.last - node.cpuTicks.first) / seconds : NaN;
}

export function resetCpu(node: AppNode) {
  node.cpuTicks.first = cpuTicksOf(node.pid);
  node.cpuTicks.at = [Date.now(), Date.now()];
}
