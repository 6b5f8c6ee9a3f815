import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestMailboxOnce } from '../../src/lib/server/channels/email';
import { followUpFilter } from '../../src/lib/server/channels/email/filters/follow-up';
import { parseEmail } from '../../src/lib/server/channels/email/parse/parse';
import { resetEnv } from '../../src/lib/server/env';
import type { MailboxRow } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { appealsWorld } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { addTestMailbox, appendMessages, startDovecot, type Dovecot } from '../support/dovecot';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/mail');

interface Expected {
  description: string;
  setup?: { outboxMessageId?: { appeal: string; messageId: string } };
  result: 'created' | 'threaded' | 'duplicate' | 'bounce';
  appeal: string;
  acknowledged: boolean;
  noAck?: string;
  externalId?: string;
  externalIdPattern?: string;
  subject?: string;
  client?: Record<string, string>;
  textIncludes?: string[];
  textExcludes?: string[];
  htmlIncludes?: string[];
  htmlExcludes?: string[];
  attachments?: {
    name: string;
    contentType?: string;
    size?: number;
    stored: boolean;
    noticeIncludes?: string;
  }[];
  warnings?: number;
  warningIncludes?: string[];
  outbox?: { status: string; errorIncludes: string[] };
}

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
let mailbox: MailboxRow;

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await createTestDb();
  // A tiny attachment limit so fixture 07 is «over the limit» without a 25 MB file in the repo.
  resetEnv({
    ...t.env,
    OTKLIK_ATTACHMENT_MAX_MB: '0.05',
    OTKLIK_ACK_WINDOW_HOURS: '24',
    ORIGIN: 'https://otklik.example',
  });
  ctx = testContext(t.db);
  await appealsWorld(ctx);
  mailbox = await addTestMailbox(ctx, dovecot, 'support@otklik.test', 'obr@otklik.example');
}, 180_000);

afterAll(async () => {
  await t?.drop();
  await dovecot?.stop();
  resetEnv({
    OTKLIK_ATTACHMENT_MAX_MB: undefined,
    OTKLIK_ACK_WINDOW_HOURS: undefined,
    ORIGIN: undefined,
  });
});

async function appealOf(number: string) {
  return t.db
    .selectFrom('appeals')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

async function setUp(setup: Expected['setup']) {
  if (!setup?.outboxMessageId) return;
  const appeal = await appealOf(setup.outboxMessageId.appeal);
  const row = await t.db
    .selectFrom('outbox as o')
    .innerJoin('interactions as i', 'i.id', 'o.interaction_id')
    .select('o.id')
    .where('i.appeal_id', '=', appeal.id)
    .executeTakeFirstOrThrow();
  // What the delivery worker records before sending (its intent): the Message-ID it used.
  await t.db
    .updateTable('outbox')
    .set({ message_id: setup.outboxMessageId.messageId, status: 'sent' })
    .where('id', '=', row.id)
    .execute();
}

const names = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.replace(/\.eml$/, ''))
  .sort();

describe('e-mail ingest: fixtures through a real Dovecot', () => {
  it('has an expected result beside every fixture', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) {
      expect(fs.existsSync(path.join(FIXTURES, `${name}.expected.json`)), name).toBe(true);
    }
  });

  for (const name of names) {
    it(`${name}`, async () => {
      const raw = fs.readFileSync(path.join(FIXTURES, `${name}.eml`));
      const exp = JSON.parse(
        fs.readFileSync(path.join(FIXTURES, `${name}.expected.json`), 'utf8'),
      ) as Expected;
      await setUp(exp.setup);
      const { externalId } = await parseEmail(raw);
      if (exp.externalId) expect(externalId).toBe(exp.externalId);
      if (exp.externalIdPattern) expect(externalId).toMatch(new RegExp(exp.externalIdPattern));

      await appendMessages(dovecot, 'support@otklik.test', [raw]);
      const tally = await ingestMailboxOnce(ctx, mailbox);
      expect(tally.error).toBeNull();
      expect(tally.fetched).toBe(1);
      const counted = {
        created: tally.created,
        threaded: tally.threaded,
        duplicate: tally.duplicates,
        bounce: tally.bounces,
      };
      expect(counted[exp.result], `result ${exp.result}`).toBe(1);
      expect(tally.acknowledged).toBe(exp.acknowledged ? 1 : 0);

      const stored = await t.db
        .selectFrom('interactions')
        .selectAll()
        .where('external_id', '=', externalId)
        .execute();
      expect(stored).toHaveLength(1);
      const item = stored[0]!;
      const appeal = await appealOf(exp.appeal);
      expect(item.appeal_id).toBe(appeal.id);
      const meta = JSON.parse(item.meta) as Record<string, unknown>;

      if (exp.result === 'bounce') {
        expect(item.direction).toBe('system');
        expect(item.kind).toBe('bounce');
        const outbox = await t.db
          .selectFrom('outbox')
          .select(['status', 'last_error'])
          .where('id', '=', meta.outboxId as number)
          .executeTakeFirstOrThrow();
        expect(outbox.status).toBe(exp.outbox!.status);
        for (const s of exp.outbox!.errorIncludes) expect(outbox.last_error).toContain(s);
        return;
      }
      if (exp.result === 'duplicate') return;

      expect(item.direction).toBe('in');
      expect(item.kind).toBe('email');
      expect(meta.mailboxId).toBe(mailbox.id);
      if (exp.subject) expect(item.subject).toBe(exp.subject);
      for (const s of exp.textIncludes ?? []) expect(item.text).toContain(s);
      for (const s of exp.textExcludes ?? []) expect(item.text).not.toContain(s);
      for (const s of exp.htmlIncludes ?? []) expect(meta.html).toContain(s);
      for (const s of exp.htmlExcludes ?? []) expect(String(meta.html ?? '')).not.toContain(s);
      if (exp.noAck) expect(String(meta.noAck)).toContain(exp.noAck);

      if (exp.client) {
        const client = await t.db
          .selectFrom('clients')
          .selectAll()
          .where('id', '=', appeal.client_id)
          .executeTakeFirstOrThrow();
        const { email, ...name } = exp.client;
        const fields = {
          surname: client.surname,
          firstName: client.first_name,
          patronymic: client.patronymic,
          organization: client.organization,
        };
        expect(fields).toMatchObject(name);
        if (email) {
          const contact = await t.db
            .selectFrom('client_contacts')
            .select('value')
            .where('client_id', '=', appeal.client_id)
            .where('kind', '=', 'email')
            .execute();
          expect(contact.map((c) => c.value)).toContain(email);
        }
      }

      const files = await t.db
        .selectFrom('attachments')
        .selectAll()
        .where('interaction_id', '=', item.id)
        .orderBy('id')
        .execute();
      expect(files).toHaveLength(exp.attachments?.length ?? 0);
      exp.attachments?.forEach((want, i) => {
        const got = files[i]!;
        expect(got.name).toBe(want.name);
        if (want.contentType) expect(got.content_type).toBe(want.contentType);
        if (want.size != null) expect(got.size).toBe(want.size);
        expect(got.sha256 != null).toBe(want.stored);
        if (want.stored) {
          const file = path.join(
            t.env.OTKLIK_DATA!,
            'attachments',
            got.sha256!.slice(0, 2),
            got.sha256!.slice(2, 4),
            got.sha256!,
          );
          expect(fs.statSync(file).size).toBe(got.size);
        }
        if (want.noticeIncludes) expect(got.notice).toContain(want.noticeIncludes);
      });

      const warnings = (meta.warnings as string[]) ?? [];
      expect(warnings).toHaveLength(exp.warnings ?? 0);
      const note = await t.db
        .selectFrom('interactions')
        .select('text')
        .where('appeal_id', '=', appeal.id)
        .where('kind', '=', 'mail_warning')
        .where('at', '=', item.at)
        .execute();
      if (exp.warnings) {
        expect(note).toHaveLength(1);
        for (const s of exp.warningIncludes ?? []) expect(note[0]!.text).toContain(s);
      }
    });
  }
});

describe('e-mail ingest: acknowledgement, reopening, exactly once', () => {
  it('acknowledges a new appeal with its number, the answer date rule and the tracking link (seed 001 §3.2.6)', async () => {
    const appeal = await appealOf('2026-000001');
    const ack = await t.db
      .selectFrom('interactions as i')
      .innerJoin('outbox as o', 'o.interaction_id', 'i.id')
      .select(['i.text', 'i.subject', 'i.direction', 'i.meta', 'o.channel', 'o.mailbox_id'])
      .where('i.appeal_id', '=', appeal.id)
      .where('i.kind', '=', 'ack')
      .executeTakeFirstOrThrow();
    expect(ack.direction).toBe('system');
    expect(ack.channel).toBe('email');
    expect(ack.mailbox_id).toBe(mailbox.id);
    expect(ack.subject).toContain('[#2026-000001]');
    expect(ack.text).toContain('Здравствуйте, Мария Петровна!');
    expect(ack.text).toContain('под номером 2026-000001');
    expect(ack.text).toContain('в течение 30 дней со дня регистрации');
    expect(ack.text).toContain(`https://otklik.example/t/${appeal.tracking_token}`);
    expect(JSON.parse(ack.meta)).toMatchObject({
      to: 'ivanova@mail.example',
      inReplyTo: '<20260302081500.1@mail.example>',
      autoSubmitted: 'auto-replied',
    });
    const log = await t.db
      .selectFrom('ack_log')
      .selectAll()
      .where('address', '=', 'ivanova@mail.example')
      .execute();
    expect(log).toHaveLength(1);
  });

  it("reopens an answered appeal when the client's reply arrives", async () => {
    const appeal = await appealOf('2026-000003');
    await t.db
      .updateTable('appeals')
      .set({ status: 'answered' })
      .where('id', '=', appeal.id)
      .execute();
    const reply = [
      'From: sidorova@rambler.example',
      'To: obr@otklik.example',
      'Subject: Re: Справка',
      'Message-ID: <koi8-reply@rambler.example>',
      'In-Reply-To: <koi8@rambler.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'А когда можно забрать справку?',
    ].join('\r\n');
    await appendMessages(dovecot, 'support@otklik.test', [reply]);
    const tally = await ingestMailboxOnce(ctx, mailbox);
    expect(tally).toMatchObject({ threaded: 1, acknowledged: 0, error: null });
    expect((await appealOf('2026-000003')).status).toBe('open');
  });

  it('stores a message once when the same Message-ID arrives in a second mailbox', async () => {
    const second = await addTestMailbox(ctx, dovecot, 'ack@otklik.test', 'priem@otklik.example');
    const raw = fs.readFileSync(path.join(FIXTURES, '01-plain-utf8.eml'));
    await appendMessages(dovecot, 'ack@otklik.test', [raw, raw]);
    const tally = await ingestMailboxOnce(ctx, second);
    expect(tally).toMatchObject({ fetched: 2, duplicates: 2, created: 0, error: null });
    const copies = await t.db
      .selectFrom('interactions')
      .select('id')
      .where('external_id', '=', '<20260302081500.1@mail.example>')
      .execute();
    expect(copies).toHaveLength(1);
  });

  it('reads the folder again after a UIDVALIDITY change and adds nothing twice', async () => {
    const before = await t.db
      .selectFrom('interactions')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('mailboxes')
      .set({ uid_validity: '1', last_uid: 9999 })
      .where('id', '=', mailbox.id)
      .execute();
    const tally = await ingestMailboxOnce(ctx, mailbox);
    expect(tally.error).toBeNull();
    expect(tally.fetched).toBeGreaterThanOrEqual(names.length);
    expect(tally.fetched).toBe(tally.duplicates);
    const after = await t.db
      .selectFrom('interactions')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const row = await t.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', mailbox.id)
      .executeTakeFirstOrThrow();
    expect(row.uid_validity).not.toBe('1');
    expect(row.last_uid).toBeGreaterThanOrEqual(names.length);
  });

  it('records a message larger than it fetches, with what could be read and a notice', async () => {
    const big = Buffer.alloc(2_600_000, 0x42).toString('base64').replace(/.{76}/g, '$&\r\n');
    const raw = [
      'From: Big <big.sender@mail.example>',
      'To: obr@otklik.example',
      'Subject: Huge scan',
      'Message-ID: <huge@mail.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="h"',
      '',
      '--h',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Отправляю большой скан.',
      '--h',
      'Content-Type: image/tiff',
      'Content-Disposition: attachment; filename="scan.tiff"',
      'Content-Transfer-Encoding: base64',
      '',
      big,
      '--h--',
      '',
    ].join('\r\n');
    await appendMessages(dovecot, 'support@otklik.test', [raw]);
    const tally = await ingestMailboxOnce(ctx, mailbox);
    expect(tally).toMatchObject({ fetched: 1, created: 1, error: null });
    const item = await t.db
      .selectFrom('interactions')
      .selectAll()
      .where('external_id', '=', '<huge@mail.example>')
      .executeTakeFirstOrThrow();
    expect(item.text).toContain('Отправляю большой скан.');
    const warnings = JSON.parse(item.meta).warnings as string[];
    expect(warnings.join(' ')).toContain('прочитано только начало');
    const files = await t.db
      .selectFrom('attachments')
      .selectAll()
      .where('interaction_id', '=', item.id)
      .execute();
    for (const f of files) expect(f.sha256).toBeNull();
  });

  it('stores a message it cannot process as an appeal with the reason, and goes on with the rest', async () => {
    const original = followUpFilter.run.bind(followUpFilter);
    const spy = vi.spyOn(followUpFilter, 'run').mockImplementation((mail, env) => {
      if (mail.parsed.subject === 'poison') throw new Error('a bug in a filter');
      return original(mail, env);
    });
    const letter = (id: string, subject: string) =>
      `From: Poisoned <${id}@mail.example>\r\nTo: obr@otklik.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@mail.example>\r\n\r\nText of ${id}.\r\n`;
    try {
      await appendMessages(dovecot, 'support@otklik.test', [
        letter('before-poison', 'fine'),
        letter('poison', 'poison'),
        letter('after-poison', 'fine too'),
      ]);
      const tally = await ingestMailboxOnce(ctx, mailbox);
      expect(tally).toMatchObject({ fetched: 3, created: 3, error: null });
    } finally {
      spy.mockRestore();
    }
    const rows = await t.db
      .selectFrom('interactions')
      .select(['external_id', 'text', 'subject'])
      .where('external_id', 'in', [
        '<before-poison@mail.example>',
        '<poison@mail.example>',
        '<after-poison@mail.example>',
      ])
      .execute();
    expect(rows).toHaveLength(3);
    const poison = rows.find((r) => r.external_id === '<poison@mail.example>')!;
    expect(poison.subject).toBe('poison');
    expect(poison.text).toContain('a bug in a filter');
    expect(poison.text).toContain('оригинал остался в почтовом ящике');
    expect(rows.find((r) => r.external_id === '<after-poison@mail.example>')!.text).toBe(
      'Text of after-poison.',
    );
  });

  it('shows the mailbox state to the admin: idle after a pass, last fetch, no error', async () => {
    const row = await t.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', mailbox.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('idle');
    expect(row.last_fetch_at).not.toBeNull();
  });

  it('records the error and the state when the server refuses the login', async () => {
    const wrong = await addTestMailbox(ctx, dovecot, 'support@otklik.test', 'wrong@otklik.example');
    const { encryptSecret } = await import('../../src/lib/server/secrets');
    await t.db
      .updateTable('mailboxes')
      .set({ imap_password: encryptSecret('not-the-password') })
      .where('id', '=', wrong.id)
      .execute();
    const row = await t.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', wrong.id)
      .executeTakeFirstOrThrow();
    const tally = await ingestMailboxOnce(ctx, row, { retryDelaysMs: [10] });
    expect(tally.error).toMatch(/authentication failed/i);
    const after = await t.db
      .selectFrom('mailboxes')
      .selectAll()
      .where('id', '=', wrong.id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe('error');
    expect(after.last_error).toMatch(/authentication failed/i);
    await t.db.updateTable('mailboxes').set({ active: 0 }).where('id', '=', wrong.id).execute();
  });
});
