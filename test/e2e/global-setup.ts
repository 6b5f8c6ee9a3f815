import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    dataDir: string;
    chromium: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/** Builds the console, starts it as `npm start` would on a fresh data dir, and hands its URL to the tests. */
export default async function setup(project: TestProject) {
  const chromium = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}. Run the tests with \`npm test\` (scripts/services/chromium.sh installs it) or: apt-get install chromium`,
    );
  }
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}${build.stdout}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-e2e-'));
  const server: ChildProcess = spawn('node', ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      OTKLIK_DATA: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const baseURL = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 150_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  }).catch((err: unknown) => {
    server.kill('SIGKILL');
    throw err;
  });
  project.provide('baseURL', baseURL);
  project.provide('dataDir', dataDir);
  project.provide('chromium', chromium);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
