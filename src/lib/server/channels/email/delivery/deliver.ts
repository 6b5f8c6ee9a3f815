import type { ServiceContext } from '../../../context';
import type { Db } from '../../../db';
import {
  claim,
  claimCopy,
  deferCopy,
  dueCopies,
  duePending,
  markAccepted,
  markFailed,
  markRejected,
  markSent,
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

type Due = Awaited<ReturnType<typeof duePending>>[number];
type DueCopy = Awaited<ReturnType<typeof dueCopies>>[number];

const at = (ms: number) => new Date(ms).toISOString();
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Files the Sent-folder copy of an accepted message; on failure the row keeps owing it. */
async function fileCopy(
  db: Db,
  row: DueCopy,
  now: Date,
  ready?: { mailbox: Mailbox; raw: Buffer },
) {
  const sentAt = row.sentAt ? new Date(row.sentAt) : now;
  try {
    let { mailbox, raw } = ready ?? {};
    if (!mailbox || !raw) {
      const outgoing = await loadOutgoing(db, row.interactionId);
      mailbox = await mailboxFor(db, row.mailboxId, outgoing.appeal.touchpointId);
      raw = mailbox.sentFolder
        ? await composeMessage(outgoing, mailbox, row.messageId!, sentAt)
        : undefined;
    }
    if (mailbox.sentFolder && raw) {
      await copyToSent(mailbox, mailbox.sentFolder, row.messageId!, raw, sentAt);
    }
    await markSent(db, row.id, now.toISOString());
  } catch (err) {
    const note = `sent; no copy in the Sent folder: ${reason(err)}`;
    if (now.getTime() - sentAt.getTime() > DELIVERY.giveUpMs) {
      await markSent(db, row.id, now.toISOString(), note);
    } else {
      await deferCopy(db, row.id, note, at(now.getTime() + DELIVERY.leaseMs));
    }
  }
}

async function fail(db: Db, row: Due, err: unknown, now: Date): Promise<'failed'> {
  const e = err instanceof DeliveryError ? err : new DeliveryError(reason(err), false);
  if (e.permanent) {
    await markRejected(db, row.id, e.message);
  } else if (now.getTime() - Date.parse(row.createdAt) > DELIVERY.giveUpMs) {
    await markRejected(db, row.id, `gave up retrying: ${e.message}`);
  } else {
    await markFailed(db, row.id, e.message, at(now.getTime() + retryDelayMs(row.attempts + 1)));
  }
  return 'failed';
}

/**
 * The message of a claimed row, or null when it is out already. The Message-ID is committed
 * before any SMTP session (the intent); a row that had one from an earlier attempt may have gone
 * out, so the Sent folder is searched for it first.
 */
async function prepare(db: Db, row: Due, now: Date) {
  const outgoing = await loadOutgoing(db, row.interactionId);
  const mailbox = await mailboxFor(db, row.mailboxId, outgoing.appeal.touchpointId);
  const messageId = row.messageId ?? newMessageId(row.id, mailbox.address);
  if (!row.messageId) {
    await recordIntent(db, row.id, messageId, mailbox.id);
  } else if (mailbox.sentFolder) {
    const out = await inSentFolder(mailbox, mailbox.sentFolder, messageId).catch((err) => {
      throw new DeliveryError(`cannot search the Sent folder: ${reason(err)}`, false);
    });
    if (out) return null;
  }
  const raw = await composeMessage(outgoing, mailbox, messageId, now);
  return { to: outgoing.to, mailbox, messageId, raw };
}

async function deliverOne(db: Db, row: Due, now: Date): Promise<'sent' | 'failed'> {
  const nowIso = now.toISOString();
  let ready: Awaited<ReturnType<typeof prepare>>;
  try {
    ready = await prepare(db, row, now);
    if (ready) await sendRaw(ready.mailbox, ready.to, ready.raw);
  } catch (err) {
    return fail(db, row, err, now);
  }
  if (!ready || !ready.mailbox.sentFolder) {
    await markSent(db, row.id, nowIso);
    return 'sent';
  }
  // Recorded first: a local write closes the window after the server's reply fastest.
  await markAccepted(db, row.id, nowIso, at(now.getTime() + DELIVERY.leaseMs));
  const copy = { ...row, messageId: ready.messageId, mailboxId: ready.mailbox.id, sentAt: nowIso };
  await fileCopy(db, copy, now, ready);
  return 'sent';
}

/**
 * Sends the e-mail outbox once: rows abandoned by a dead process go back to the queue, overdue
 * Sent-folder copies are filed, then due replies and acknowledgements are sent one by one.
 */
export async function deliverOutbox(
  ctx: ServiceContext,
  opts: { limit?: number; now?: Date } = {},
): Promise<{ sent: number; failed: number }> {
  const now = opts.now ?? ctx.clock.now();
  const nowIso = now.toISOString();
  const limit = opts.limit ?? DELIVERY.batch;
  const lease = at(now.getTime() + DELIVERY.leaseMs);
  await releaseStale(ctx.db, nowIso);
  for (const row of await dueCopies(ctx.db, 'email', nowIso, limit)) {
    if (await claimCopy(ctx.db, row.id, nowIso, lease)) await fileCopy(ctx.db, row, now);
  }
  const tally = { sent: 0, failed: 0 };
  for (const row of await duePending(ctx.db, 'email', nowIso, limit)) {
    if (!(await claim(ctx.db, row.id, nowIso, lease))) continue;
    tally[await deliverOne(ctx.db, row, now)]++;
  }
  return tally;
}
