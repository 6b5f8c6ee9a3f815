import { sql } from 'kysely';
import type { Db } from '../db';

/** Retry after 1, 2, 4 … minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export async function duePending(db: Db, channel: string, now: string, limit = 20) {
  return db
    .selectFrom('outbox')
    .select(['id', 'interaction_id as interactionId', 'attempts'])
    .where('channel', '=', channel)
    .where('status', 'in', ['pending', 'failed'])
    .where('next_attempt_at', '<=', now)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Takes a row for delivery; false when another worker took it first. */
export async function claim(db: Db, id: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'sending', attempts: sql`attempts + 1`, next_attempt_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markSent(db: Db, id: number, now: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now, last_error: null })
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

/** Rows left «sending» by a process that died mid-delivery go back to the queue at start. */
export async function releaseStale(db: Db, olderThan: string) {
  await db
    .updateTable('outbox')
    .set({ status: 'pending' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<', olderThan)
    .execute();
}
