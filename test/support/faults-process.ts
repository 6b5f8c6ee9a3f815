import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WORKER = path.join(ROOT, 'test/support/faults-worker.ts');

let bundled: Promise<string> | undefined;

/**
 * The worker bundled once per test process (as `npm run build` bundles the server): it starts in
 * a third of a second instead of tsx's one and a half, so a kill loop can afford many restarts.
 * Kept under node_modules/.cache so its packages resolve from the project.
 */
function workerBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(
      ROOT,
      'node_modules/.cache/otklik-faults',
      `worker-${process.pid}.mjs`,
    );
    await build({
      entryPoints: [WORKER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile,
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundled;
}

/** A small seeded generator (mulberry32), so a failing kill schedule can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorkerRun {
  /** True when the test killed it before it finished. */
  killed: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** When to kill: `ms` after the worker says `after` («ready» or «delivering»). */
export interface Kill {
  after: 'ready' | 'delivering';
  ms: number;
}

/**
 * Runs test/support/faults-worker.ts (ingest every mailbox, deliver the outbox) in its own
 * process on `env`, at the test clock's `now`; SIGKILLs it as `kill` says. Timed from the
 * worker's own word, a kill lands in the work it aims at however slow the machine.
 */
export async function runWorker(
  env: NodeJS.ProcessEnv,
  now: Date,
  kill: Kill | null,
): Promise<WorkerRun> {
  const worker = await workerBundle();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker], {
      cwd: ROOT,
      env: { ...env, FAULTS_NOW: now.toISOString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (kill && !timer && stdout.includes(`${kill.after}\n`)) {
        timer = setTimeout(() => {
          killed = child.exitCode === null;
          child.kill('SIGKILL');
        }, kill.ms);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code, stdout, stderr });
    });
  });
}

/** The environment of a child process on a test database and data folder. */
export function childEnv(testEnv: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(testEnv)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}
