import type { Db } from '../db';

export interface Window {
  /** Events allowed within the window. */
  limit: number;
  ms: number;
}

/**
 * Seconds until one more event is allowed for this key, or 0 when it is allowed now.
 * Counted in the database, so every app node sees the same count.
 */
export async function retryAfterSeconds(
  db: Db,
  bucket: string,
  key: string,
  now: Date,
  window: Window,
): Promise<number> {
  const since = new Date(now.getTime() - window.ms).toISOString();
  const hits = await db
    .selectFrom('rate_limit_hits')
    .select('at')
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(window.limit)
    .execute();
  if (hits.length < window.limit) return 0;
  // The oldest of the last `limit` events leaves the window first.
  const oldest = Date.parse(hits[hits.length - 1]!.at);
  return Math.max(1, Math.ceil((oldest + window.ms - now.getTime()) / 1000));
}

/** Counts one event; rows older than a day are pruned now and then by the same call. */
export async function recordHit(db: Db, bucket: string, key: string, now: Date): Promise<void> {
  await db.insertInto('rate_limit_hits').values({ bucket, key, at: now.toISOString() }).execute();
  if (Math.random() < 0.01) {
    const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
    await db.deleteFrom('rate_limit_hits').where('at', '<', dayAgo).execute();
  }
}
