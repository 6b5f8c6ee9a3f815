import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { mailboxById, type MailboxRow } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { addMailbox } from '../../src/lib/server/mailboxes/mailboxes.service';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/services/dovecot.sh');
const HINT =
  'The e-mail tests need Dovecot: scripts/services/dovecot.sh installs Debian dovecot-imapd as ' +
  'root (else run: sudo apt-get install dovecot-imapd) and starts a private server on loopback.';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface Dovecot {
  host: string;
  port: number;
  dir: string;
  users: DovecotUser[];
  /** Stops the server (every session drops) and starts it again on the same port and mail. */
  restart(): Promise<void>;
  /** Stops the server at once, blocking: open sessions are cut before anything else runs. */
  stopNow(): void;
  /** Starts a stopped server again. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * A private Dovecot for one test file (its own folder and loopback port, so the SQLite and
 * PostgreSQL projects can run side by side). Fails loudly with the install hint; never skips.
 */
export async function startDovecot(
  users: string[] = ['support@otklik.test:secret', 'ack@otklik.test:secret'],
): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-dovecot-'));
  let startArgs: string[] = [];
  let first = { code: 1, stdout: '', stderr: '' };
  // A free port can be taken by another suite between the probe and Dovecot's bind: try anew.
  for (let attempt = 0; attempt < 3; attempt++) {
    startArgs = ['start', dir, '--port', String(await freePort()), ...users];
    first = await run(startArgs);
    if (first.code === 0 || !first.stderr.includes('already taken')) break;
  }
  if (first.code !== 0) {
    throw new Error(`Dovecot did not start:\n${first.stderr.trim()}\n${HINT}`);
  }
  const info = JSON.parse(first.stdout.trim().split('\n').pop()!) as {
    host: string;
    port: number;
    users: DovecotUser[];
  };
  const start = async () => {
    const again = await run(startArgs);
    if (again.code !== 0) throw new Error(`Dovecot did not start again:\n${again.stderr}`);
  };
  // A stopping Dovecot leaves running sessions alone; kick them first, as a crash or reboot would.
  const stopNow = () => {
    spawnSync('doveadm', ['-c', path.join(dir, 'dovecot.conf'), 'kick', '*'], { stdio: 'ignore' });
    spawnSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
  };
  return {
    host: info.host,
    port: info.port,
    dir,
    users: info.users,
    stopNow,
    start,
    async restart() {
      stopNow();
      await start();
    },
    async stop() {
      await run(['stop', dir, '--purge']);
    },
  };
}

export function imapFor(dovecot: Dovecot, user: string): ImapFlow {
  const account = dovecot.users.find((u) => u.user === user);
  if (!account) throw new Error(`no Dovecot user ${user}`);
  return new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
  });
}

/** APPENDs raw messages to a user's folder, in order; returns their UIDs. */
export async function appendMessages(
  dovecot: Dovecot,
  user: string,
  messages: (Buffer | string)[],
  folder = 'INBOX',
): Promise<number[]> {
  const client = imapFor(dovecot, user);
  await client.connect();
  const uids: number[] = [];
  try {
    for (const m of messages) {
      const res = await client.append(folder, typeof m === 'string' ? Buffer.from(m) : m);
      if (res && res.uid) uids.push(res.uid);
    }
  } finally {
    await client.logout();
  }
  return uids;
}

/** A mailbox row reading `user`'s INBOX on this Dovecot; SMTP points at `smtpPort` (default: closed). */
export async function addTestMailbox(
  ctx: ServiceContext,
  dovecot: Dovecot,
  user: string,
  address: string,
  smtpPort = 9,
): Promise<MailboxRow> {
  const account = dovecot.users.find((u) => u.user === user)!;
  const { id } = await addMailbox(ctx, SYSTEM, {
    address,
    displayName: 'Министерство образования',
    imap: {
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: account.user,
      password: account.password,
      folder: 'INBOX',
      sentFolder: null,
    },
    smtp: { host: '127.0.0.1', port: smtpPort, tls: false, user: null, password: null },
  });
  return (await mailboxById(ctx.db, id))!;
}
