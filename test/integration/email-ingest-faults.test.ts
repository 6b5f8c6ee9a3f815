import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ingestMailboxOnce,
  startMailWatchers,
  watchMailbox,
} from '../../src/lib/server/channels/email';
import { resetEnv } from '../../src/lib/server/env';
import type { MailboxRow } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { dropSingleton } from '../../src/lib/server/singleton';
import { appealsWorld } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { addTestMailbox, appendMessages, startDovecot, type Dovecot } from '../support/dovecot';

const ROOT = path.resolve(import.meta.dirname, '../..');

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;

beforeAll(async () => {
  dovecot = await startDovecot([
    'restart@otklik.test:secret',
    'watch@otklik.test:secret',
    'kill@otklik.test:secret',
    'late@otklik.test:secret',
    'cli@otklik.test:secret',
  ]);
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('secretKey');
  ctx = testContext(t.db);
  await appealsWorld(ctx);
}, 180_000);

afterAll(async () => {
  await t?.drop();
  await dovecot?.stop();
});

function letters(prefix: string, n: number, from = (i: number) => `${prefix}${i}@mail.example`) {
  return Array.from({ length: n }, (_, i) =>
    [
      `From: Client ${i} <${from(i)}>`,
      'To: obr@otklik.example',
      `Subject: ${prefix} question ${i}`,
      `Message-ID: <${prefix}-${i}@mail.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Вопрос номер ${i}.`,
    ].join('\r\n'),
  );
}

async function stored(prefix: string) {
  const rows = await t.db
    .selectFrom('interactions')
    .select(['external_id'])
    .where('external_id', 'like', `<${prefix}-%`)
    .execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.external_id)).size };
}

async function waitFor(check: () => Promise<boolean>, ms: number, what: string) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The environment of an `otklik` child process on this test's database and data folder. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OTKLIK_DELIVERY: '0' };
  for (const [k, v] of Object.entries(t.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

async function mailboxRow(id: number): Promise<MailboxRow> {
  return t.db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('e-mail ingest under faults', () => {
  it('a Dovecot restart in the middle of a pass: reconnects from the checkpoint, nothing lost or doubled', async () => {
    const mailbox = await addTestMailbox(
      ctx,
      dovecot,
      'restart@otklik.test',
      'restart@otklik.example',
    );
    const n = 300;
    await appendMessages(dovecot, 'restart@otklik.test', letters('restart', n));
    let restarting: Promise<void> | null = null;
    const tally = await ingestMailboxOnce(ctx, mailbox, {
      retryDelaysMs: [300, 600, 1200, 2400, 4800, 9600],
      onProgress: (progress) => {
        if (progress.fetched >= 40 && !restarting) {
          // Blocking stop: every session is cut before the pass goes on.
          dovecot.stopNow();
          restarting = dovecot.start();
        }
      },
    });
    await restarting;
    expect(restarting).not.toBeNull();
    expect(tally.error).toBeNull();
    expect(tally.created).toBe(n);
    expect(await stored('restart')).toEqual({ total: n, distinct: n });
    const row = await mailboxRow(mailbox.id);
    expect(row.last_error).not.toBeNull();
    expect(row.state).toBe('idle');
    expect(row.last_uid).toBe(n);
  }, 60_000);

  it('the watcher gets new mail by IDLE, survives a Dovecot restart, and keeps going', async () => {
    const mailbox = await addTestMailbox(ctx, dovecot, 'watch@otklik.test', 'watch@otklik.example');
    const controller = new AbortController();
    const errors: string[] = [];
    // A poll far longer than the test: mail must arrive by IDLE push (and the drain on reconnect).
    const watching = watchMailbox(ctx, mailbox, {
      signal: controller.signal,
      pollMs: 600_000,
      minBackoffMs: 200,
      maxBackoffMs: 1000,
      onError: (_m, e) => errors.push(e),
    });
    try {
      await waitFor(
        async () => (await mailboxRow(mailbox.id)).state === 'connected',
        10_000,
        'connect',
      );
      const all = letters('watch', 10);
      await appendMessages(dovecot, 'watch@otklik.test', all.slice(0, 5));
      await waitFor(async () => (await stored('watch')).total === 5, 15_000, 'first five by IDLE');
      await dovecot.restart();
      await appendMessages(dovecot, 'watch@otklik.test', all.slice(5));
      await waitFor(
        async () => (await stored('watch')).total === 10,
        20_000,
        'five more after restart',
      );
      await waitFor(
        async () => (await mailboxRow(mailbox.id)).state === 'connected',
        10_000,
        'reconnect',
      );
      expect(errors.length).toBeGreaterThan(0);
      expect(await stored('watch')).toEqual({ total: 10, distinct: 10 });
    } finally {
      controller.abort();
      await watching;
    }
    expect((await mailboxRow(mailbox.id)).state).toBe('idle');
  }, 60_000);

  it("the server's watchers pick up a mailbox added while they run", async () => {
    await t.db.updateTable('mailboxes').set({ active: 0 }).execute();
    const watchers = await startMailWatchers(ctx, { pollMs: 300, minBackoffMs: 200 });
    try {
      const late = await addTestMailbox(ctx, dovecot, 'late@otklik.test', 'late@otklik.example');
      await appendMessages(dovecot, 'late@otklik.test', letters('late', 3));
      await waitFor(
        async () => (await stored('late')).total === 3,
        15_000,
        'mail of a new mailbox',
      );
      expect((await mailboxRow(late.id)).state).toBe('connected');
    } finally {
      await watchers.stop();
    }
  }, 30_000);

  it('a process killed mid-batch (SIGKILL, twice) leaves every message stored and acknowledged exactly once', async () => {
    const mailbox = await addTestMailbox(ctx, dovecot, 'kill@otklik.test', 'kill@otklik.example');
    const n = 300;
    await appendMessages(dovecot, 'kill@otklik.test', letters('kill', n));
    const childEnv = cliEnv();
    // Only this mailbox: the others belong to the tests above.
    await t.db.updateTable('mailboxes').set({ active: 0 }).where('id', '!=', mailbox.id).execute();

    const runIngest = (killAt: number | null) =>
      new Promise<{ killed: boolean; code: number | null; stderr: string }>((resolve) => {
        const child = spawn('npm', ['run', '--silent', 'otklik', '--', 'ingest', '--once'], {
          cwd: ROOT,
          env: childEnv,
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d));
        let killed = false;
        const timer =
          killAt == null
            ? null
            : setInterval(async () => {
                if (killed) return;
                if ((await stored('kill')).total >= killAt) {
                  killed = true;
                  process.kill(-child.pid!, 'SIGKILL');
                }
              }, 20);
        child.on('exit', (code) => {
          if (timer) clearInterval(timer);
          resolve({ killed, code, stderr });
        });
      });

    const first = await runIngest(60);
    expect(first.killed, first.stderr).toBe(true);
    const afterFirst = (await stored('kill')).total;
    expect(afterFirst).toBeLessThan(n);
    const second = await runIngest(afterFirst + 100);
    expect(second.killed, second.stderr).toBe(true);
    const last = await runIngest(null);
    expect(last.code, last.stderr).toBe(0);

    expect(await stored('kill')).toEqual({ total: n, distinct: n });
    const acks = await t.db
      .selectFrom('interactions as i')
      .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
      .innerJoin('interactions as m', 'm.appeal_id', 'a.id')
      .select((e) => [
        e.fn.countAll<number>().as('n'),
        sql<number>`count(distinct a.id)`.as('appeals'),
      ])
      .where('i.kind', '=', 'ack')
      .where('m.external_id', 'like', '<kill-%')
      .executeTakeFirstOrThrow();
    expect(Number(acks.n)).toBe(n);
    expect(Number(acks.appeals)).toBe(n);
    const log = await t.db
      .selectFrom('ack_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('address', 'like', 'kill%')
      .executeTakeFirstOrThrow();
    expect(Number(log.n)).toBe(n);
    expect((await mailboxRow(mailbox.id)).last_uid).toBe(n);
  }, 180_000);

  it('otklik ingest --watch stores mail as it arrives and stops cleanly on SIGTERM', async () => {
    const mailbox = await addTestMailbox(ctx, dovecot, 'cli@otklik.test', 'cli@otklik.example');
    await t.db.updateTable('mailboxes').set({ active: 0 }).where('id', '!=', mailbox.id).execute();
    const child = spawn('npm', ['run', '--silent', 'otklik', '--', 'ingest', '--watch'], {
      cwd: ROOT,
      env: cliEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d));
    child.stderr!.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(async () => output.includes('Watching'), 60_000, 'the watcher to start');
      await waitFor(
        async () => (await mailboxRow(mailbox.id)).state === 'connected',
        20_000,
        'connect',
      );
      await appendMessages(dovecot, 'cli@otklik.test', letters('cliwatch', 3));
      await waitFor(async () => (await stored('cliwatch')).total === 3, 20_000, 'mail by IDLE');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    await waitFor(
      async () => (await mailboxRow(mailbox.id)).state === 'idle',
      10_000,
      `idle after SIGTERM; output: ${output}`,
    );
  }, 120_000);
});
