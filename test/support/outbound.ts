import type { ImapFlow } from 'imapflow';
import {
  insertInteraction,
  type NewAttachment,
} from '../../src/lib/server/appeals/interactions.queries';
import { inTransaction, type ServiceContext } from '../../src/lib/server/context';
import { putAttachment } from '../../src/lib/server/files/attachment-store';
import { appealsWorld, inbound, receive } from './appeals';
import { encryptSecret } from '../../src/lib/server/secrets';
import { imapFor, type Dovecot } from './dovecot';

export const SUPPORT = 'support@otklik.test';

/** A mailbox row as the admin would create it, with encrypted passwords. */
export async function addMailbox(
  ctx: ServiceContext,
  o: {
    touchpointId: number;
    smtpPort: number;
    imapPort?: number;
    sentFolder?: string | null;
    smtpAuth?: { user: string; pass: string } | null;
  },
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const { id } = await ctx.db
    .insertInto('mailboxes')
    .values({
      address: SUPPORT,
      display_name: 'Приёмная министерства',
      touchpoint_id: o.touchpointId,
      imap_host: '127.0.0.1',
      imap_port: o.imapPort ?? 1,
      imap_tls: 0,
      imap_user: SUPPORT,
      imap_password: encryptSecret('secret'),
      sent_folder: o.sentFolder ?? null,
      smtp_host: '127.0.0.1',
      smtp_port: o.smtpPort,
      smtp_tls: 0,
      smtp_user: o.smtpAuth?.user ?? null,
      smtp_password: o.smtpAuth ? encryptSecret(o.smtpAuth.pass) : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const CLIENT = 'maria.ivanova@mail.example';

/**
 * An appeal opened by an e-mail from Мария Иванова as the ingest stores it (Message-ID in
 * external_id, sender and thread in meta), and the mailbox of its touchpoint.
 */
export async function clientWrote(
  ctx: ServiceContext,
  o: { smtpPort: number; imapPort: number; sentFolder?: string | null; meta?: boolean },
) {
  const w = await appealsWorld(ctx);
  const mailboxId = await addMailbox(ctx, {
    touchpointId: w.email,
    smtpPort: o.smtpPort,
    imapPort: o.imapPort,
    sentFolder: o.sentFolder === undefined ? 'Sent' : o.sentFolder,
    smtpAuth: { user: SUPPORT, pass: 'smtp-secret' },
  });
  const msg = inbound(w.email, {
    client: { surname: 'Иванова', firstName: 'Мария', email: CLIENT },
    externalId: '<c2.7f3a@mail.example>',
    meta:
      o.meta === false
        ? {}
        : {
            from: { address: CLIENT, name: 'Мария Иванова' },
            messageId: '<c2.7f3a@mail.example>',
            references: ['<c1.0001@mail.example>'],
          },
  });
  const appeal = await receive(ctx, msg);
  return { w, mailboxId, appeal };
}

/**
 * A reply queued the way the operator's «send» does it (work.service `reply`): an «out»
 * interaction with its files, an outbox row, and `interaction.added` after commit.
 */
export async function queueReply(
  ctx: ServiceContext,
  appealId: number,
  text: string,
  files: { name: string; contentType: string; content: Buffer }[] = [],
) {
  const attachments: NewAttachment[] = [];
  for (const f of files) {
    const sha256 = await putAttachment(f.content);
    attachments.push({ name: f.name, contentType: f.contentType, size: f.content.length, sha256 });
  }
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const appeal = await trx
      .selectFrom('appeals')
      .select(['subject', 'touchpoint_id'])
      .where('id', '=', appealId)
      .executeTakeFirstOrThrow();
    const interactionId = await insertInteraction(
      trx,
      {
        appealId,
        direction: 'out',
        kind: 'reply',
        authorId: null,
        touchpointId: appeal.touchpoint_id,
        at: now,
        subject: `Re: ${appeal.subject}`,
        text,
      },
      attachments,
    );
    const { id } = await trx
      .insertInto('outbox')
      .values({
        interaction_id: interactionId,
        channel: 'email',
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    emit('interaction.added', { appealId, interactionId, direction: 'out' });
    return { interactionId, outboxId: id };
  });
}

export function outboxRow(ctx: ServiceContext, id: number) {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function onDovecot<T>(d: Dovecot, work: (c: ImapFlow) => Promise<T>): Promise<T> {
  const c = imapFor(d, SUPPORT);
  c.on('error', () => {});
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.logout();
  }
}

/** How many messages with this Message-ID the Sent folder holds. */
export function sentCopies(d: Dovecot, messageId: string): Promise<number> {
  return onDovecot(d, async (c) => {
    const lock = await c.getMailboxLock('Sent', { readOnly: true });
    try {
      const found = await c.search({ header: { 'message-id': messageId } }, { uid: true });
      return Array.isArray(found) ? found.length : 0;
    } finally {
      lock.release();
    }
  });
}

/** What Gmail, Yandex or Exchange do on SMTP submission: file the message in Sent themselves. */
export function providerFilesInSent(d: Dovecot, raw: Buffer): Promise<unknown> {
  return onDovecot(d, (c) => c.append('Sent', raw, ['\\Seen']));
}
