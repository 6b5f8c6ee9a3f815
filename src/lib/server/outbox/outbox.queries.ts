import { sql } from 'kysely';
import type { Db } from '../db';

/**
 * pending → sending → (accepted →) sent, or failed (retried) / rejected (final).
 * «accepted»: the server took the message; only the copy for the Sent folder is still owed.
 */
export type OutboxStatus = 'pending' | 'sending' | 'accepted' | 'sent' | 'failed' | 'rejected';

/** Retry after 1, 2, 4 … minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export async function duePending(db: Db, channel: string, now: string, limit = 20) {
  return db
    .selectFrom('outbox')
    .select([
      'id',
      'interaction_id as interactionId',
      'attempts',
      'message_id as messageId',
      'mailbox_id as mailboxId',
      'created_at as createdAt',
    ])
    .where('channel', '=', channel)
    .where('status', 'in', ['pending', 'failed'])
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

/** Accepted rows whose Sent-folder copy is overdue (its worker died or the IMAP server failed). */
export async function dueCopies(db: Db, channel: string, now: string, limit = 20) {
  return db
    .selectFrom('outbox')
    .select([
      'id',
      'interaction_id as interactionId',
      'message_id as messageId',
      'mailbox_id as mailboxId',
      'sent_at as sentAt',
    ])
    .where('channel', '=', channel)
    .where('status', '=', 'accepted')
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Leases an accepted row for its Sent-folder copy; false when another worker has it. */
export async function claimCopy(db: Db, id: number, now: string, leaseUntil: string) {
  const res = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'accepted')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deferCopy(db: Db, id: number, error: string, nextAttemptAt: string) {
  await db
    .updateTable('outbox')
    .set({ last_error: error.slice(0, 2000), next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .where('status', '=', 'accepted')
    .execute();
}

/**
 * Rows left «sending» by a process that died mid-delivery go back to the queue once their lease
 * (next_attempt_at) is older than `olderThan`. Their Message-ID stays, so the next attempt knows
 * a message may already be out and checks for it first.
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
