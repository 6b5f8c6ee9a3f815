import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/services/dovecot.sh');

export interface Dovecot {
  host: string;
  port: number;
  users: { user: string; password: string }[];
  dir: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A private Dovecot (scripts/services/dovecot.sh) in its own temp folder on a free loopback
 * port, so test files and other suites running at once never share or stop each other's server.
 * Users support@otklik.test and ack@otklik.test, password «secret»; a `Sent` folder exists.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-dovecot-'));
  const port = await freePort();
  const out = execFileSync('bash', [SCRIPT, 'start', dir, '--port', String(port)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  const info = JSON.parse(out.trim().split('\n').at(-1)!) as Omit<Dovecot, 'stop'>;
  return {
    ...info,
    stop: () => {
      execFileSync('bash', [SCRIPT, 'stop', dir, '--purge'], { stdio: 'ignore' });
    },
  };
}
