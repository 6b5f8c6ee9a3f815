import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/lib/server/channels/email/parse/parse';
import { COMMANDS } from '../../src/lib/server/cli/commands';
import type { CliIo } from '../../src/lib/server/cli/command';
import { runCli } from '../../src/lib/server/cli/run';
import { resetEnv } from '../../src/lib/server/env';
import { dropSingleton } from '../../src/lib/server/singleton';
import { appealsWorld } from '../support/appeals';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { appendMessages, startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

let dovecot: Dovecot;
let peer: SmtpPeer;
let t: TestDb;

beforeAll(async () => {
  dovecot = await startDovecot();
  peer = await startSmtpPeer();
  t = await createTestDb();
  resetEnv({ ...t.env, ORIGIN: 'https://otklik.example', OTKLIK_DELIVERY: '0' });
  dropSingleton('db');
  await appealsWorld(testContext(t.db));
}, 180_000);

afterAll(async () => {
  const { appDb } = await import('../../src/lib/server/db');
  await appDb().destroy();
  dropSingleton('db');
  await t?.drop();
  await peer?.close();
  await dovecot?.stop();
  resetEnv({ ORIGIN: undefined, OTKLIK_DELIVERY: undefined });
});

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => '',
  };
  const code = await runCli(argv, COMMANDS, io);
  return { code, out, err };
}

const imapUrl = (user: string) =>
  `imap://${encodeURIComponent(user)}:secret@${dovecot.host}:${dovecot.port}/INBOX?tls=off`;
const smtpUrl = () => `smtp://127.0.0.1:${peer.port}?tls=off`;

function letter(n: number, from: string) {
  return [
    `From: Клиент ${n} <${from}>`,
    'To: obr@otklik.example',
    `Subject: Вопрос ${n}`,
    `Message-ID: <cli-${n}@mail.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Текст вопроса ${n}.`,
  ].join('\r\n');
}

describe('otklik mailbox and ingest commands', () => {
  it('refuses bad settings with a usage error and writes nothing', async () => {
    const missing = await cli(['mailbox', 'add', '--address', 'obr@otklik.example']);
    expect(missing.code).toBe(2);
    const badScheme = await cli([
      'mailbox',
      'add',
      '--address',
      'obr@otklik.example',
      '--imap',
      'http://x:y@127.0.0.1/INBOX',
      '--smtp',
      smtpUrl(),
    ]);
    expect(badScheme.code).toBe(2);
    expect(badScheme.err).toContain('imap://');
    const noPassword = await cli([
      'mailbox',
      'add',
      '--address',
      'obr@otklik.example',
      '--imap',
      `imap://${dovecot.host}:${dovecot.port}/INBOX`,
      '--smtp',
      smtpUrl(),
    ]);
    expect(noPassword.code).toBe(2);
    expect((await cli(['mailbox', 'list'])).out).toContain('No mailboxes.');
  });

  it('adds a mailbox on the registry touchpoint with the same address, or a new touchpoint', async () => {
    const added = await cli([
      'mailbox',
      'add',
      '--address',
      'Obr@Otklik.example',
      '--imap',
      imapUrl('support@otklik.test'),
      '--smtp',
      smtpUrl(),
      '--name',
      'Министерство образования',
    ]);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/Added mailbox #\d+ obr@otklik\.example .* touchpoint #\d+\n$/);
    expect(added.out).not.toContain('created');

    const again = await cli([
      'mailbox',
      'add',
      '--address',
      'obr@otklik.example',
      '--imap',
      imapUrl('support@otklik.test'),
      '--smtp',
      smtpUrl(),
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('уже добавлен');

    const other = await cli([
      'mailbox',
      'add',
      '--address',
      'priem@otklik.example',
      '--imap',
      imapUrl('ack@otklik.test'),
      '--smtp',
      smtpUrl(),
    ]);
    expect(other.code).toBe(0);
    expect(other.out).toContain('created');
    const touchpoint = await t.db
      .selectFrom('touchpoints')
      .selectAll()
      .where('address', '=', 'priem@otklik.example')
      .executeTakeFirstOrThrow();
    expect(touchpoint).toMatchObject({ channel: 'email', mode: 'online' });
  });

  it('lists mailboxes with their state and never their passwords', async () => {
    const listed = await cli(['mailbox', 'list', '--json']);
    expect(listed.code).toBe(0);
    const rows = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.address)).toEqual(['obr@otklik.example', 'priem@otklik.example']);
    expect(rows[0]).toMatchObject({ state: 'idle', lastFetchAt: null, lastError: null });
    expect(listed.out).not.toContain('secret');
    const stored = await t.db.selectFrom('mailboxes').select('imap_password').execute();
    for (const s of stored) expect(s.imap_password).toMatch(/^v1:/);
  });

  it('ingest --once fetches, stores, sends the acknowledgements and exits; a second run adds nothing', async () => {
    await appendMessages(dovecot, 'support@otklik.test', [
      letter(1, 'first@mail.example'),
      letter(2, 'second@mail.example'),
    ]);
    const run = await cli(['ingest', '--once', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as {
      mailboxes: { address: string; fetched: number; created: number; acknowledged: number }[];
      delivery: { sent: number; failed: number };
    };
    expect(report.mailboxes[0]).toMatchObject({
      address: 'obr@otklik.example',
      fetched: 2,
      created: 2,
      acknowledged: 2,
    });
    expect(report.delivery).toEqual({ sent: 2, failed: 0 });
    expect(
      peer.accepted
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(['first@mail.example', 'second@mail.example']);
    for (const m of peer.accepted) {
      const text = m.raw.toString('utf8');
      // RFC 3834 §5: our automatic acknowledgement says it is one.
      expect(text).toMatch(/^Auto-Submitted: auto-replied\r$/m);
      expect(text).toMatch(/^In-Reply-To: <cli-\d@mail\.example>\r$/m);
      const parsed = await parseEmail(m.raw);
      expect(parsed.subject).toMatch(/\[#\d{4}-\d{6}\]/);
      expect(parsed.text).toContain('https://otklik.example/t/');
    }
    const boxes = await t.db.selectFrom('mailboxes').selectAll().orderBy('id').execute();
    expect(boxes[0]).toMatchObject({ state: 'idle', last_error: null });
    expect(boxes[0]!.last_fetch_at).not.toBeNull();

    const second = await cli(['ingest', '--once']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('obr@otklik.example: 0 fetched');
    expect(second.out).toContain('Outbox: 0 sent, 0 failed.');
    expect(peer.accepted).toHaveLength(2);
  });

  it('needs --once or --watch', async () => {
    expect((await cli(['ingest'])).code).toBe(2);
    expect((await cli(['ingest', '--once', '--watch'])).code).toBe(2);
  });

  it('exits non-zero and shows the error when a mailbox cannot be read', async () => {
    await t.db
      .updateTable('mailboxes')
      .set({ imap_port: 9 })
      .where('address', '=', 'priem@otklik.example')
      .execute();
    const { ingestMailboxOnce } = await import('../../src/lib/server/channels/email');
    const row = await t.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('address', '=', 'priem@otklik.example')
      .executeTakeFirstOrThrow();
    const tally = await ingestMailboxOnce(testContext(t.db), row, { retryDelaysMs: [] });
    expect(tally.error).toMatch(/ECONNREFUSED|refused/i);
    const listed = await cli(['mailbox', 'list']);
    expect(listed.out).toMatch(/priem@otklik\.example.*\terror\t.*last error/);
  });
});
