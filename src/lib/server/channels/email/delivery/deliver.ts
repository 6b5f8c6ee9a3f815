import type { ServiceContext } from '../../../context';
import type { Db } from '../../../db';
import {
  claim,
  defer,
  dueIn,
  duePending,
  lease,
  markAccepted,
  markFailed,
  markRejected,
  markSent,
  markSubmitted,
  markUnconfirmed,
  recordIntent,
  releaseStale,
  retryDelayMs,
} from '../../../outbox/outbox.queries';
import { composeMessage, newMessageId } from './compose';
import { mailboxFor, type Mailbox } from './mailbox';
import { loadOutgoing } from './outgoing.queries';
import { copyToSent, inSentFolder } from './sent-folder';
import { DELIVERY, DeliveryError } from './settings';
import { sendRaw } from './smtp';

type Row = Awaited<ReturnType<typeof duePending>>[number];

const after = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function target(db: Db, row: Row) {
  const outgoing = await loadOutgoing(db, row.interactionId);
  const mailbox = await mailboxFor(db, row.mailboxId, outgoing.appeal.touchpointId);
  return { outgoing, mailbox };
}

/** Files the Sent-folder copy of an accepted message; on failure the row keeps owing it. */
async function fileCopy(db: Db, row: Row, now: Date, ready?: { mailbox: Mailbox; raw: Buffer }) {
  const sentAt = row.sentAt ? new Date(row.sentAt) : now;
  try {
    let { mailbox, raw } = ready ?? {};
    if (!mailbox || !raw) {
      const t = await target(db, row);
      mailbox = t.mailbox;
      raw = await composeMessage(t.outgoing, mailbox, row.messageId!, sentAt);
    }
    if (mailbox.sent_folder) {
      await copyToSent(mailbox, mailbox.sent_folder, row.messageId!, raw, sentAt);
    }
    await markSent(db, row.id, now.toISOString());
  } catch (err) {
    const note = `sent; no copy in the Sent folder: ${reason(err)}`;
    if (now.getTime() - sentAt.getTime() > DELIVERY.giveUpMs) {
      await markSent(db, row.id, now.toISOString(), note);
    } else {
      await defer(db, row.id, 'accepted', note, after(now, DELIVERY.leaseMs));
    }
  }
}

/**
 * A message whose end left but whose answer was lost: out if the Sent folder holds it (the
 * provider files what it accepts), else left for a person, since sending again could repeat it.
 */
async function settleUncertain(db: Db, row: Row, now: Date) {
  const cause = (row.lastError ?? "delivery stopped while waiting for the server's answer").replace(
    /; cannot search the Sent folder: .*$/s,
    '',
  );
  try {
    const { mailbox } = await target(db, row);
    if (!mailbox.sent_folder) return markUnconfirmed(db, row.id, cause);
    if (await inSentFolder(mailbox, mailbox.sent_folder, row.messageId!)) {
      return markSent(db, row.id, now.toISOString());
    }
    await markUnconfirmed(db, row.id, cause);
  } catch (err) {
    const note = `${cause}; cannot search the Sent folder: ${reason(err)}`;
    if (now.getTime() - Date.parse(row.createdAt) > DELIVERY.giveUpMs) {
      await markUnconfirmed(db, row.id, note);
    } else {
      await defer(db, row.id, 'submitted', note, after(now, DELIVERY.recheckMs));
    }
  }
}

async function fail(db: Db, row: Row, err: unknown, now: Date): Promise<'failed'> {
  const e = err instanceof DeliveryError ? err : new DeliveryError(reason(err), 'temporary');
  if (e.kind === 'uncertain') {
    await defer(db, row.id, 'submitted', e.message, after(now, DELIVERY.recheckMs));
  } else if (e.kind === 'permanent') {
    await markRejected(db, row.id, e.message);
  } else if (now.getTime() - Date.parse(row.createdAt) > DELIVERY.giveUpMs) {
    await markRejected(db, row.id, `gave up retrying: ${e.message}`);
  } else {
    await markFailed(db, row.id, e.message, after(now, retryDelayMs(row.attempts + 1)));
  }
  return 'failed';
}

/**
 * One claimed row: the Message-ID is committed before the SMTP session (the intent), «submitted»
 * before the end-of-data mark, «accepted» as soon as the server says 250; then the Sent copy.
 */
async function deliverOne(db: Db, row: Row, now: Date): Promise<'sent' | 'failed'> {
  const nowIso = now.toISOString();
  const until = after(now, DELIVERY.leaseMs);
  let ready: { mailbox: Mailbox; raw: Buffer; messageId: string };
  try {
    const { outgoing, mailbox } = await target(db, row);
    const messageId = row.messageId ?? newMessageId(row.id, mailbox.address);
    if (!row.messageId) await recordIntent(db, row.id, messageId, mailbox.id);
    const raw = await composeMessage(outgoing, mailbox, messageId, now);
    ready = { mailbox, raw, messageId };
    await sendRaw(mailbox, outgoing.to, raw, () => markSubmitted(db, row.id, until));
  } catch (err) {
    return fail(db, row, err, now);
  }
  if (!ready.mailbox.sent_folder) {
    await markSent(db, row.id, nowIso);
    return 'sent';
  }
  await markAccepted(db, row.id, nowIso, until);
  await fileCopy(db, { ...row, messageId: ready.messageId, sentAt: nowIso }, now, ready);
  return 'sent';
}

/**
 * Sends the e-mail outbox once. First what a dead process left: «sending» rows go back to the
 * queue (their end never left), «submitted» ones are settled by the Sent folder, «accepted» ones
 * get their Sent copy. Then due replies and acknowledgements are sent one by one.
 */
export async function deliverOutbox(
  ctx: ServiceContext,
  opts: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number }> {
  const now = opts.now ?? ctx.clock.now();
  const nowIso = now.toISOString();
  const limit = opts.limit ?? DELIVERY.batch;
  const until = after(now, DELIVERY.leaseMs);
  await releaseStale(ctx.db, nowIso);
  for (const row of await dueIn(ctx.db, 'email', 'submitted', nowIso, limit)) {
    if (await lease(ctx.db, row.id, 'submitted', nowIso, until)) {
      await settleUncertain(ctx.db, row, now);
    }
  }
  for (const row of await dueIn(ctx.db, 'email', 'accepted', nowIso, limit)) {
    if (await lease(ctx.db, row.id, 'accepted', nowIso, until)) await fileCopy(ctx.db, row, now);
  }
  const tally = { sent: 0, failed: 0 };
  for (const row of await duePending(ctx.db, 'email', nowIso, limit)) {
    if (!(await claim(ctx.db, row.id, nowIso, until))) continue;
    tally[await deliverOne(ctx.db, row, now)]++;
  }
  return tally;
}
