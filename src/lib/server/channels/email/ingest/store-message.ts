import { receiveInboundIn } from '../../../appeals/inbound.service';
import { findByExternalId, insertInteraction } from '../../../appeals/interactions.queries';
import { inTransaction, type Emit, type ServiceContext } from '../../../context';
import type { Db } from '../../../db';
import { advanceCheckpoint, type MailboxRow } from '../../../mailboxes/mailboxes.queries';
import { ackedRecently, queueAcknowledgement } from '../ack/acknowledge';
import { runFilters } from '../filters';
import type { FilterEnv, IncomingMail } from '../filters/types';
import { parseEmail, type ParsedEmail } from '../parse/parse';
import { recordBounce } from './bounce';
import { describeError, isTransient } from './failures';
import { retryOnUniqueViolation } from './unique-retry';

/** One message as fetched from a folder: its place (for the checkpoint) and its bytes. */
export interface FetchedMessage {
  uid: number;
  uidValidity: string;
  source: Buffer;
  internalDate: Date | null;
  /** Set when only the first bytes were fetched because the message is too large. */
  truncatedAt?: number | null;
}

export type IngestResult = 'created' | 'threaded' | 'duplicate' | 'bounce';

export interface IngestOutcome {
  externalId: string;
  result: IngestResult;
  appealNumber: string | null;
  acknowledged: boolean;
  noAck: string | null;
}

export interface IngestEnv {
  ownAddresses: Set<string>;
  maxAttachmentBytes: number;
}

function metaOf(mail: IncomingMail, fetched: FetchedMessage): Record<string, unknown> {
  const p = mail.parsed;
  return {
    mailboxId: mail.mailbox.id,
    uid: fetched.uid,
    messageId: p.messageId,
    from: p.from,
    replyTo: p.replyTo,
    to: p.to,
    cc: p.cc,
    date: p.date,
    inReplyTo: p.inReplyTo,
    references: p.references,
    html: p.html,
    threadedBy: mail.threadedBy,
    noAck: mail.noAck,
    warnings: mail.notices,
  };
}

function receivedAt(fetched: FetchedMessage, now: Date): string {
  const t = fetched.internalDate?.getTime();
  return t && !Number.isNaN(t) && t < now.getTime() ? new Date(t).toISOString() : now.toISOString();
}

/** One message's appeal, warnings and acknowledgement, inside the caller's transaction. */
async function storeIn(
  trx: Db,
  emit: Emit,
  ctx: ServiceContext,
  mailbox: MailboxRow,
  fetched: FetchedMessage,
  parsed: ParsedEmail,
  env: IngestEnv,
): Promise<IngestOutcome> {
  const seen = await duplicateOf(trx, parsed.externalId);
  if (seen) return seen;
  const now = ctx.clock.now();
  const at = receivedAt(fetched, now);
  const mail: IncomingMail = {
    parsed,
    mailbox,
    client: {},
    appealNumber: null,
    threadedBy: null,
    noAck: null,
    bounce: null,
    attachments: [],
    notices: [...parsed.warnings],
  };
  const filterEnv: FilterEnv = { db: trx, ...env };
  await runFilters(mail, filterEnv);
  const meta = metaOf(mail, fetched);

  if (mail.bounce) {
    const b = await recordBounce(trx, emit, mail, at, meta);
    return outcome(parsed, 'bounce', b.number, false, mail.noAck);
  }
  const result = await receiveInboundIn(trx, emit, ctx, {
    touchpointId: mailbox.touchpoint_id,
    kind: 'email',
    client: mail.client,
    subject: parsed.subject,
    text: parsed.text,
    at,
    externalId: parsed.externalId,
    appealNumber: mail.appealNumber,
    attachments: mail.attachments,
    meta,
  });
  if (mail.notices.length) {
    await insertInteraction(trx, {
      appealId: result.appealId,
      direction: 'system',
      kind: 'mail_warning',
      authorId: null,
      at,
      text: mail.notices.join('\n'),
      meta: { interactionId: result.interactionId },
    });
  }
  const to = parsed.from.address;
  let acknowledged = false;
  if (result.created && !mail.noAck && to && !(await ackedRecently(trx, to, now))) {
    await queueAcknowledgement(trx, emit, {
      appealId: result.appealId,
      to,
      inReplyTo: parsed.messageId,
      references: [...parsed.references, ...(parsed.messageId ? [parsed.messageId] : [])],
      mailbox,
      now: now.toISOString(),
    });
    acknowledged = true;
  }
  return outcome(
    parsed,
    result.created ? 'created' : 'threaded',
    result.number,
    acknowledged,
    mail.noAck,
  );
}

function outcome(
  parsed: ParsedEmail,
  result: IngestResult,
  appealNumber: string | null,
  acknowledged: boolean,
  noAck: string | null,
): IngestOutcome {
  return { externalId: parsed.externalId, result, appealNumber, acknowledged, noAck };
}

async function duplicateOf(db: Db, externalId: string): Promise<IngestOutcome | null> {
  const seen = await findByExternalId(db, externalId);
  if (!seen) return null;
  const appeal = await db
    .selectFrom('appeals')
    .select('number')
    .where('id', '=', seen.appealId)
    .executeTakeFirst();
  return {
    externalId,
    result: 'duplicate',
    appealNumber: appeal?.number ?? null,
    acknowledged: false,
    noAck: null,
  };
}

/**
 * Stores fetched messages exactly once: their appeals, warnings, acknowledgements and the
 * mailbox's UID checkpoint commit in one transaction, each message keyed by its Message-ID (or
 * raw-bytes hash), so a crash at any point, a second fetch or a copy in another mailbox adds
 * nothing twice. A batch (one commit for several messages, much less disk work) that fails is
 * retried message by message, so one bad message holds up only itself.
 */
export async function ingestBatch(
  ctx: ServiceContext,
  mailbox: MailboxRow,
  batch: FetchedMessage[],
  env: IngestEnv,
): Promise<IngestOutcome[]> {
  const parsed: ParsedEmail[] = [];
  for (const m of batch) parsed.push(await parseEmail(m.source, { truncatedAt: m.truncatedAt }));
  const run = (from: number, to: number) =>
    retryOnUniqueViolation(() =>
      inTransaction(ctx, async (trx, emit) => {
        const out: IngestOutcome[] = [];
        for (let i = from; i < to; i++) {
          out.push(await storeIn(trx, emit, ctx, mailbox, batch[i]!, parsed[i]!, env));
        }
        const last = batch[to - 1]!;
        await advanceCheckpoint(trx, mailbox.id, last.uidValidity, last.uid);
        return out;
      }),
    );
  if (!batch.length) return [];
  try {
    return await run(0, batch.length);
  } catch (err) {
    if (isTransient(err)) throw err;
  }
  const out: IngestOutcome[] = [];
  for (let i = 0; i < batch.length; i++) {
    try {
      out.push(...(await run(i, i + 1)));
    } catch (err) {
      if (isTransient(err)) throw err;
      out.push(await storeUnreadable(ctx, mailbox, batch[i]!, parsed[i]!, err));
    }
  }
  return out;
}

/**
 * The last resort for a message that cannot be stored as parsed (a bug, or data the database
 * refuses): an appeal with its sender, subject and the reason, so the mailbox goes on and the
 * operator knows to open the original in the mailbox. Throws the original error if even that fails.
 */
async function storeUnreadable(
  ctx: ServiceContext,
  mailbox: MailboxRow,
  fetched: FetchedMessage,
  parsed: ParsedEmail,
  error: unknown,
): Promise<IngestOutcome> {
  const notice = `Письмо не удалось сохранить целиком (${describeError(error).slice(0, 300)}); оригинал остался в почтовом ящике ${mailbox.address}.`;
  try {
    return await inTransaction(ctx, async (trx, emit) => {
      const seen = await duplicateOf(trx, parsed.externalId);
      if (!seen) {
        const at = receivedAt(fetched, ctx.clock.now());
        const result = await receiveInboundIn(trx, emit, ctx, {
          touchpointId: mailbox.touchpoint_id,
          kind: 'email',
          client: { email: parsed.from.address },
          subject: parsed.subject,
          text: notice,
          at,
          externalId: parsed.externalId,
          meta: {
            mailboxId: mailbox.id,
            uid: fetched.uid,
            messageId: parsed.messageId,
            from: parsed.from,
            warnings: [notice],
          },
        });
        await insertInteraction(trx, {
          appealId: result.appealId,
          direction: 'system',
          kind: 'mail_warning',
          authorId: null,
          at,
          text: notice,
          meta: { interactionId: result.interactionId },
        });
      }
      await advanceCheckpoint(trx, mailbox.id, fetched.uidValidity, fetched.uid);
      return seen ?? outcome(parsed, 'created', null, false, 'unreadable');
    });
  } catch {
    throw error;
  }
}

export async function ingestMessage(
  ctx: ServiceContext,
  mailbox: MailboxRow,
  fetched: FetchedMessage,
  env: IngestEnv,
): Promise<IngestOutcome> {
  const [only] = await ingestBatch(ctx, mailbox, [fetched], env);
  return only!;
}
