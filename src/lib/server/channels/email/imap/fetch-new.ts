import type { ImapFlow } from 'imapflow';
import type { ServiceContext } from '../../../context';
import {
  mailboxById,
  resetCheckpoint,
  type MailboxRow,
} from '../../../mailboxes/mailboxes.queries';
import type { FetchedMessage } from '../ingest/store-message';

export interface FetchLimits {
  /** A message larger than this is fetched only up to it and recorded with a notice. */
  maxMessageBytes: number;
  /** One FETCH asks for at most this many messages … */
  batchCount: number;
  /** … and at most about this many bytes, so memory stays flat on a large backlog. */
  batchBytes: number;
}

interface Pending {
  uid: number;
  size: number;
}

function batches(list: Pending[], limits: FetchLimits): Pending[][] {
  const out: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const m of list) {
    const oversized = m.size > limits.maxMessageBytes;
    if (
      current.length &&
      (oversized || current.length >= limits.batchCount || bytes + m.size > limits.batchBytes)
    ) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += m.size;
    if (oversized) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

async function fetchBatch(
  client: ImapFlow,
  batch: Pending[],
  uidValidity: string,
  limits: FetchLimits,
): Promise<FetchedMessage[]> {
  const oversized = batch.length === 1 && batch[0]!.size > limits.maxMessageBytes;
  const rows = await client.fetchAll(
    batch.map((m) => m.uid).join(','),
    {
      uid: true,
      internalDate: true,
      source: oversized ? { start: 0, maxLength: limits.maxMessageBytes } : true,
    },
    { uid: true },
  );
  return rows
    .filter((r) => r.source)
    .sort((a, b) => a.uid - b.uid)
    .map((r) => ({
      uid: r.uid,
      uidValidity,
      source: r.source!,
      internalDate: r.internalDate ? new Date(r.internalDate) : null,
      truncatedAt: oversized ? limits.maxMessageBytes : null,
    }));
}

/**
 * Hands every message after the mailbox's UID checkpoint to `handle`, in UID order and in
 * batches, the next batch fetched while the previous one is stored. The checkpoint lives in the database and moves
 * in the transaction that stores each message; a new UIDVALIDITY restarts it (RFC 3501 §2.3.1.1).
 */
export async function fetchNewMessages(
  ctx: ServiceContext,
  client: ImapFlow,
  mailbox: MailboxRow,
  limits: FetchLimits,
  handle: (messages: FetchedMessage[]) => Promise<void>,
): Promise<number> {
  const lock = await client.getMailboxLock(mailbox.imap_folder);
  try {
    const box = client.mailbox;
    if (!box) throw new Error(`folder ${mailbox.imap_folder} did not open`);
    const uidValidity = String(box.uidValidity);
    const row = (await mailboxById(ctx.db, mailbox.id)) ?? mailbox;
    let last = row.last_uid;
    if (row.uid_validity !== uidValidity) {
      await resetCheckpoint(ctx.db, mailbox.id, uidValidity, ctx.clock.now().toISOString());
      last = 0;
    }
    // uidNext is as of SELECT; mail pushed since then (IDLE) shows only in the EXISTS count.
    if (!box.exists) return 0;
    const listed = await client.fetchAll(`${last + 1}:*`, { uid: true, size: true }, { uid: true });
    const pending = listed
      .filter((m) => m.uid > last)
      .map((m) => ({ uid: m.uid, size: m.size ?? 0 }))
      .sort((a, b) => a.uid - b.uid);
    const plan = batches(pending, limits);
    let handled = 0;
    let next = plan.length ? fetchBatch(client, plan[0]!, uidValidity, limits) : null;
    for (let i = 0; next; i++) {
      const messages = await next;
      next = i + 1 < plan.length ? fetchBatch(client, plan[i + 1]!, uidValidity, limits) : null;
      // A dropped connection rejects the prefetch too; it is awaited (and thrown) next round.
      next?.catch(() => undefined);
      await handle(messages);
      handled += messages.length;
    }
    return handled;
  } finally {
    lock.release();
  }
}
