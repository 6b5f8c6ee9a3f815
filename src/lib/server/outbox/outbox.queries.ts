import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';

/**
 * pending → sending (Message-ID recorded) → submitted (the end of the message is about to go)
 * → accepted (the server said 250; the Sent-folder copy is owed) → sent.
 * failed: refused for now, retried; rejected: refused for good.
 * unconfirmed: the process lost the server's answer to a complete message and the Sent folder
 * does not show it went out; never resent automatically, so it cannot arrive twice.
 * bounced: set by the ingest when a delivery report says the recipient's server refused it.
 */
export type OutboxStatus =
  | 'pending'
  | 'sending'
  | 'submitted'
  | 'accepted'
  | 'sent'
  | 'failed'
  | 'rejected'
  | 'unconfirmed'
  | 'bounced';

/** Retry after 1, 2, 4 … minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

const due = [
  'id',
  'interaction_id as interactionId',
  'attempts',
  'message_id as messageId',
  'mailbox_id as mailboxId',
  'created_at as createdAt',
  'sent_at as sentAt',
  'last_error as lastError',
] as const;

/**
 * A queued row is due when its time has come. It is due as well when it waits for longer than
 * it was ever told to (a new row not at all, a failed one its back-off): then the system clock
 * went back after it was scheduled, and waiting for the old time would stall it by the jump.
 */
function mayBeDue(now: string) {
  const minute = new Date(Date.parse(now) + 60_000).toISOString();
  return (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.or([
      eb('status', '=', 'pending'),
      eb('next_attempt_at', '<=', now),
      eb('next_attempt_at', '>', minute),
    ]);
}

export async function duePending(db: Db, channel: string, now: string, limit = 20) {
  const rows = await db
    .selectFrom('outbox')
    .select([...due, 'status', 'next_attempt_at as nextAttemptAt'])
    .where('channel', '=', channel)
    .where('status', 'in', ['pending', 'failed'])
    .where(mayBeDue(now))
    .orderBy(sql`case when next_attempt_at <= ${now} then 0 else 1 end`)
    .orderBy('id')
    .limit(limit)
    .execute();
  const at = Date.parse(now);
  return rows
    .filter(
      (r) =>
        r.status === 'pending' ||
        r.nextAttemptAt <= now ||
        Date.parse(r.nextAttemptAt) - at > retryDelayMs(r.attempts),
    )
    .map(({ status: _s, nextAttemptAt: _n, ...row }) => row);
}

/** Rows in `status` whose lease (next_attempt_at) ran out: their worker died or gave them back. */
export async function dueIn(
  db: Db,
  channel: string,
  status: 'submitted' | 'accepted',
  now: string,
  limit = 20,
) {
  return db
    .selectFrom('outbox')
    .select(due)
    .where('channel', '=', channel)
    .where('status', '=', status)
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Takes a row for delivery; false when another worker took it first. `leaseUntil` (kept in
 * next_attempt_at) is when a row still «sending» counts as abandoned by a dead process.
 */
export async function claim(db: Db, id: number, now: string, leaseUntil = now): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'sending', attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .where(mayBeDue(now))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Takes a row that stays in `status` (a copy or a check is owed) until `leaseUntil`. */
export async function lease(
  db: Db,
  id: number,
  status: 'submitted' | 'accepted',
  now: string,
  leaseUntil: string,
) {
  const res = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', status)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The intent: the Message-ID and mailbox of the attempt, committed before the SMTP session. */
export async function recordIntent(db: Db, id: number, messageId: string, mailboxId: number) {
  await db
    .updateTable('outbox')
    .set({ message_id: messageId, mailbox_id: mailboxId })
    .where('id', '=', id)
    .execute();
}

/** Committed before the end-of-data mark leaves: from here on the server may take the message. */
export async function markSubmitted(db: Db, id: number, leaseUntil: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'submitted', next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .execute();
}

/** The SMTP server took the message; the Sent-folder copy is owed until `leaseUntil`. */
export async function markAccepted(db: Db, id: number, now: string, leaseUntil: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'accepted', sent_at: now, last_error: null, next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .execute();
}

/** `note` stays visible on a sent row, e.g. when its Sent-folder copy could not be filed. */
export async function markSent(db: Db, id: number, now: string, note: string | null = null) {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: sql`coalesce(sent_at, ${now})`, last_error: note })
    .where('id', '=', id)
    // A bounce the ingest recorded meanwhile (the copy step can be late) is the later truth.
    .where('status', '!=', 'bounced')
    .execute();
}

export async function markFailed(db: Db, id: number, error: string, nextAttemptAt: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: error.slice(0, 2000), next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

/** A permanent refusal (SMTP 5xx or nothing to send to): never retried. */
export async function markRejected(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'rejected', last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute();
}

export async function markUnconfirmed(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'unconfirmed', last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute();
}

/** Keeps a row in its state with a note, to be looked at again at `nextAttemptAt`. */
export async function defer(
  db: Db,
  id: number,
  status: 'submitted' | 'accepted',
  note: string,
  nextAttemptAt: string,
) {
  await db
    .updateTable('outbox')
    .set({ last_error: note.slice(0, 2000), next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', status)
    .execute();
}

/**
 * Rows left «sending» by a process that died mid-delivery go back to the queue once their lease
 * (next_attempt_at) is older than `olderThan`. Safe to send again: the end of the message never
 * left (that is recorded first, as «submitted»).
 */
export async function releaseStale(db: Db, olderThan: string) {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'pending' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<', olderThan)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
