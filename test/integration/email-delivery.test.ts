import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appealView } from '../../src/lib/server/appeals/view.service';
import { reply } from '../../src/lib/server/appeals/work.service';
import { deliverOutbox, startDelivery } from '../../src/lib/server/channels/email/delivery';
import { ackSubject } from '../../src/lib/server/channels/email/ack/ack-text';
import { queueAcknowledgement } from '../../src/lib/server/channels/email/ack/acknowledge';
import { inTransaction } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { mailboxById } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { dropSingleton } from '../../src/lib/server/singleton';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { makeUser } from '../support/factories';
import {
  addMailbox,
  CLIENT,
  clientWrote as clientWroteIn,
  outboxRow,
  providerFilesInSent,
  queueReply,
  sentCopies,
  SUPPORT,
} from '../support/outbound';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

/** An operator of the unit the appeal belongs to (operators see their units' appeals). */
async function operatorOf(number: string) {
  const { unit_id } = await ctx.db
    .selectFrom('appeals')
    .select('unit_id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return makeUser(ctx, ['operator'], { unitIds: unit_id != null ? [unit_id] : [] });
}

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
let peer: SmtpPeer;

beforeAll(async () => {
  dovecot = await startDovecot();
}, 300_000);
afterAll(() => dovecot?.stop());

beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env); // the secret key file and attachments go to this test's data folder
  dropSingleton('secretKey');
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
  peer = await startSmtpPeer();
});
afterEach(async () => {
  await peer?.close();
  await t?.drop();
});

const minutes = (n: number) => new Date(ctx.clock.now().getTime() + n * 60_000);

async function clientWrote(over: { sentFolder?: string | null; meta?: boolean } = {}) {
  peer.auth = { user: SUPPORT, pass: 'smtp-secret' };
  const r = await clientWroteIn(ctx, { smtpPort: peer.port, imapPort: dovecot.port, ...over });
  return { ...r, client: CLIENT };
}

describe('e-mail delivery (SMTP replies through the outbox)', () => {
  it('sends a reply once, threaded, with the appeal number, its text and a Cyrillic file', async () => {
    const { appeal, client } = await clientWrote();
    const pdf = Buffer.from('%PDF-1.4 справка');
    const { outboxId } = await queueReply(
      ctx,
      appeal.appealId,
      'Мария Петровна, здравствуйте!\n\nСправка во вложении.',
      [{ name: 'Справка о зачислении.pdf', contentType: 'application/pdf', content: pdf }],
    );

    // The end-of-data mark leaves only once «submitted» is committed (RFC 5321 §4.1.1.4).
    let statusAtEnd = '';
    peer.onData = async () => {
      statusAtEnd = (await outboxRow(ctx, outboxId)).status;
    };
    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, failed: 0 });
    expect(statusAtEnd).toBe('submitted');
    expect(peer.accepted).toHaveLength(1);
    const [delivered] = peer.accepted;
    expect(delivered!.from).toBe(SUPPORT);
    expect(delivered!.to).toEqual([client]);

    const mail = await simpleParser(delivered!.raw);
    const row = await outboxRow(ctx, outboxId);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(row.message_id).toMatch(/^<otklik\.\d+\.[0-9a-f]{16}@otklik\.test>$/);
    expect(mail.messageId).toBe(row.message_id);
    expect(mail.subject).toBe(`Re: Зачисление ребёнка в первый класс [#${appeal.number}]`);
    expect(mail.from?.value).toEqual([{ address: SUPPORT, name: 'Приёмная министерства' }]);
    expect(mail.inReplyTo).toBe('<c2.7f3a@mail.example>');
    expect(mail.references).toEqual(['<c1.0001@mail.example>', '<c2.7f3a@mail.example>']);
    expect(mail.text?.trim()).toBe('Мария Петровна, здравствуйте!\n\nСправка во вложении.');
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/mixed' });
    expect(mail.headers.has('auto-submitted')).toBe(false);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Справка о зачислении.pdf', 'application/pdf'],
    ]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
    // RFC 2231 parameter for the non-ASCII file name.
    expect(delivered!.raw.toString('latin1')).toMatch(/filename\*0?\*?=utf-8''/i);

    expect(await sentCopies(dovecot, row.message_id!)).toBe(1);
    // Nothing is due any more: running again sends nothing.
    expect(await deliverOutbox(ctx, { now: minutes(120) })).toEqual({ sent: 0, failed: 0 });
    expect(peer.attempts).toHaveLength(1);
  });

  it('retries a temporary refusal (4xx) with back-off and delivers exactly once', async () => {
    const { appeal } = await clientWrote({ sentFolder: null, meta: false });
    let refusals = 1;
    peer.onData = () =>
      refusals-- > 0 ? { code: 451, message: '4.3.0 Mailbox busy, try later' } : undefined;
    const { outboxId } = await queueReply(ctx, appeal.appealId, 'Ответ по существу.');

    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
    let row = await outboxRow(ctx, outboxId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('451 4.3.0 Mailbox busy, try later');
    expect(row.next_attempt_at).toBe(minutes(1).toISOString());
    const firstId = row.message_id;

    // Not yet due: nothing happens.
    expect(await deliverOutbox(ctx, { now: minutes(0.5) })).toEqual({ sent: 0, failed: 0 });
    expect(await deliverOutbox(ctx, { now: minutes(1) })).toEqual({ sent: 1, failed: 0 });
    row = await outboxRow(ctx, outboxId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(peer.attempts).toHaveLength(2);
    expect(peer.accepted).toHaveLength(1);
    // The second attempt is the same message: the Message-ID recorded as intent is kept.
    expect((await simpleParser(peer.accepted[0]!.raw)).messageId).toBe(firstId);
    // Without the ingest's meta.from the reply goes to the client's first e-mail.
    expect(peer.accepted[0]!.to).toEqual(['maria.ivanova@mail.example']);
    expect(await deliverOutbox(ctx, { now: minutes(600) })).toEqual({ sent: 0, failed: 0 });
    expect(peer.accepted).toHaveLength(1);
  });

  it('treats an unreachable server as temporary', async () => {
    const { appeal } = await clientWrote({ sentFolder: null });
    await peer.close();
    const { outboxId } = await queueReply(ctx, appeal.appealId, 'Ответ.');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
    const row = await outboxRow(ctx, outboxId);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
  });

  it('a connection lost after the whole message: not resent; the Sent folder settles it', async () => {
    const { appeal } = await clientWrote();
    peer.onData = async (m) => {
      await providerFilesInSent(dovecot, m.raw);
      peer.drop();
      return new Promise<never>(() => {});
    };
    const { outboxId } = await queueReply(ctx, appeal.appealId, 'Ответ.');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
    const row = await outboxRow(ctx, outboxId);
    expect(row.status).toBe('submitted');
    expect(row.last_error).toMatch(/^ECONNECTION/);

    expect(await deliverOutbox(ctx, { now: minutes(4) })).toEqual({ sent: 0, failed: 0 });
    expect((await outboxRow(ctx, outboxId)).status).toBe('submitted');
    await deliverOutbox(ctx, { now: minutes(6) });
    expect(await outboxRow(ctx, outboxId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(peer.attempts).toHaveLength(1);
    expect(await sentCopies(dovecot, row.message_id!)).toBe(1);
  });

  it('marks a permanent refusal (5xx) rejected with the server reason on the timeline', async () => {
    const { appeal } = await clientWrote();
    peer.onRcpt = () => ({
      code: 550,
      message: '5.1.1 <maria.ivanova@mail.example>: no such user',
    });
    const { outboxId, interactionId } = await queueReply(ctx, appeal.appealId, 'Ответ.');

    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
    expect(await deliverOutbox(ctx, { now: minutes(24 * 60) })).toEqual({ sent: 0, failed: 0 });
    expect(peer.attempts).toHaveLength(0);
    const row = await outboxRow(ctx, outboxId);
    expect(row).toMatchObject({ status: 'rejected', attempts: 1 });

    const op = await operatorOf(appeal.number);
    const view = await appealView(ctx, op, appeal.number);
    const item = view.timeline.find((i) => i.id === interactionId)!;
    expect(item.outbox).toMatchObject({ status: 'rejected', attempts: 1, sentAt: null });
    expect(item.outbox!.lastError).toContain(
      '550 5.1.1 <maria.ivanova@mail.example>: no such user',
    );
  });

  it('marks an acknowledgement Auto-Submitted: auto-replied (RFC 3834 §5)', async () => {
    const { appeal, mailboxId } = await clientWrote();
    const mailbox = (await mailboxById(ctx.db, mailboxId))!;
    // Queued by the ingest's own code, as for a new appeal from e-mail.
    await inTransaction(ctx, (trx, emit) =>
      queueAcknowledgement(trx, emit, {
        appealId: appeal.appealId,
        to: CLIENT,
        inReplyTo: '<c2.7f3a@mail.example>',
        references: ['<c1.0001@mail.example>', '<c2.7f3a@mail.example>'],
        mailbox,
        now: ctx.clock.now().toISOString(),
      }),
    );

    expect(await deliverOutbox(ctx)).toEqual({ sent: 1, failed: 0 });
    const mail = await simpleParser(peer.accepted[0]!.raw);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.subject).toBe(ackSubject(appeal.number));
    expect(mail.subject).toContain(`[#${appeal.number}]`);
    expect(mail.inReplyTo).toBe('<c2.7f3a@mail.example>');
    expect(mail.references).toEqual(['<c1.0001@mail.example>', '<c2.7f3a@mail.example>']);
    expect(mail.text).toContain(appeal.number);
    expect(peer.accepted[0]!.to).toEqual([CLIENT]);
  });

  it('refuses for good when the client has no e-mail address', async () => {
    const w = await appealsWorld(ctx);
    await addMailbox(ctx, { touchpointId: w.email, smtpPort: peer.port });
    const appeal = await receive(
      ctx,
      inbound(w.email, { kind: 'manual', client: { surname: 'Петров', phone: '+79161234567' } }),
    );
    const { outboxId } = await queueReply(ctx, appeal.appealId, 'Ответ.');
    expect(await deliverOutbox(ctx)).toEqual({ sent: 0, failed: 1 });
    expect(await outboxRow(ctx, outboxId)).toMatchObject({
      status: 'rejected',
      last_error: 'the client has no e-mail address',
    });
  });

  it('the background loop sends an operator’s reply as soon as it is queued', async () => {
    const { appeal } = await clientWrote({ sentFolder: null });
    const op = await operatorOf(appeal.number);
    const stop = startDelivery(ctx, { intervalMs: 3_600_000 });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const text = await politeReply(
        ctx,
        appeal.appealId,
        'Документы для зачисления: заявление и паспорт.',
      );
      const { interactionId } = await reply(ctx, op, { appealId: appeal.appealId, text });
      const row = () =>
        t.db.selectFrom('outbox').selectAll().where('interaction_id', '=', interactionId);
      await expect
        .poll(async () => (await row().executeTakeFirstOrThrow()).status, { timeout: 5_000 })
        .toBe('sent');
      expect(peer.accepted).toHaveLength(1);
      expect((await simpleParser(peer.accepted[0]!.raw)).text).toContain('заявление и паспорт');
    } finally {
      await stop();
    }
  });
});
