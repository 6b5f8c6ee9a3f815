import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchMailbox } from '../../../src/lib/server/channels/email';
import { deliverOutbox } from '../../../src/lib/server/channels/email/delivery';
import { appealView } from '../../../src/lib/server/appeals/view.service';
import { resetEnv } from '../../../src/lib/server/env';
import { translator } from '../../../src/lib/i18n/messages';
import { listMailboxViews } from '../../../src/lib/server/mailboxes/mailboxes.queries';
import { dropSingleton } from '../../../src/lib/server/singleton';
import { appealsWorld } from '../../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../../support/db';
import { addTestMailbox, appendMessages, startDovecot, type Dovecot } from '../../support/dovecot';
import { makeUser } from '../../support/factories';
import { storedMessages } from '../../support/faults-checks';
import { letters } from '../../support/faults-mail';
import { clientWrote, outboxRow, queueReply } from '../../support/outbound';
import { startSmtpPeer } from '../../support/smtp-peer';

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
const ru = translator('ru');

beforeAll(async () => {
  dovecot = await startDovecot(['gone@otklik.test:secret', 'support@otklik.test:secret']);
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

/** The mailbox as Settings → Почтовые ящики shows it: state in Russian and the last error. */
async function shown(id: number) {
  const view = (await listMailboxViews(t.db)).find((m) => m.id === id)!;
  return {
    state: ru(`mailboxes.state.${view.state}` as 'mailboxes.state.error'),
    error: view.lastError,
  };
}

describe('the mail servers are gone for a while', () => {
  it('IMAP: the mailbox shows «ошибка» and why while Dovecot is down, then reconnects and fetches by itself', async () => {
    const mailbox = await addTestMailbox(ctx, dovecot, 'gone@otklik.test', 'gone@otklik.example');
    const controller = new AbortController();
    const watching = watchMailbox(ctx, mailbox, {
      signal: controller.signal,
      pollMs: 600_000,
      minBackoffMs: 200,
      maxBackoffMs: 400,
      onError: () => {},
    });
    try {
      await expect
        .poll(async () => (await shown(mailbox.id)).state, { timeout: 10_000 })
        .toBe('подключён');
      dovecot.stopNow();
      // Down longer than several back-off rounds: it keeps trying and keeps saying why.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await shown(mailbox.id)).toEqual({
        state: 'ошибка',
        error: expect.stringMatching(/ECONNREFUSED/),
      });
      await dovecot.start();
      await appendMessages(dovecot, 'gone@otklik.test', letters('gone', 3));
      await expect
        .poll(async () => (await storedMessages(t.db, 'gone')).total, { timeout: 15_000 })
        .toBe(3);
      await expect
        .poll(async () => (await shown(mailbox.id)).state, { timeout: 10_000 })
        .toBe('подключён');
      expect(await storedMessages(t.db, 'gone')).toEqual({ total: 3, distinct: 3 });
    } finally {
      controller.abort();
      await watching;
    }
  }, 40_000);

  it('SMTP: the reply shows «не отправлено … повторим автоматически» with the cause, and goes out once when the server is back', async () => {
    // Only the mailbox made below sends (the test above left one on the same touchpoint).
    await t.db.updateTable('mailboxes').set({ active: 0 }).execute();
    let peer = await startSmtpPeer();
    const deadPort = peer.port;
    await peer.close();
    const { appeal } = await clientWrote(ctx, {
      smtpPort: deadPort,
      imapPort: dovecot.port,
      sentFolder: null,
    });
    const { outboxId, interactionId } = await queueReply(
      ctx,
      appeal.appealId,
      'Мария Петровна, здравствуйте! Ответ.',
    );
    const operator = await makeUser(ctx, ['supervisor']);
    const outboxShown = async () => {
      const item = (await appealView(ctx, operator, appeal.number)).timeline.find(
        (i) => i.id === interactionId,
      )!;
      return ru(`timeline.outbox.${item.outbox!.status}` as 'timeline.outbox.failed', {
        error: item.outbox!.lastError ?? '',
      });
    };
    // Hours of outage: every attempt fails for now and is retried, never given up on.
    for (let hour = 0; hour < 3; hour++) {
      ctx.clock.advance(3_600_000);
      await deliverOutbox(ctx);
      expect(await outboxRow(ctx, outboxId)).toMatchObject({
        status: 'failed',
        attempts: hour + 1,
      });
    }
    expect(await outboxShown()).toMatch(
      /^не отправлено: .*ECONNREFUSED.*; повторим автоматически$/,
    );

    // The server is back (on a new port: the test's SMTP peer cannot take the old one again).
    peer = await startSmtpPeer();
    peer.auth = { user: 'support@otklik.test', pass: 'smtp-secret' };
    // The mailbox the attempts went through (recorded with the Message-ID before the first one).
    const { mailbox_id } = await outboxRow(ctx, outboxId);
    await t.db
      .updateTable('mailboxes')
      .set({ smtp_port: peer.port })
      .where('id', '=', mailbox_id!)
      .execute();
    try {
      ctx.clock.advance(3_600_000);
      await deliverOutbox(ctx);
      ctx.clock.advance(3_600_000);
      await deliverOutbox(ctx);
      expect(await outboxRow(ctx, outboxId)).toMatchObject({
        status: 'sent',
        attempts: 4,
        last_error: null,
      });
      expect(peer.accepted).toHaveLength(1);
      expect(await outboxShown()).toBe('отправлено');
    } finally {
      await peer.close();
    }
  });
});
