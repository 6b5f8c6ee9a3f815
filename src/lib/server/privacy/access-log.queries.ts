import type { Actor } from '../context';
import type { Db } from '../db';

/** What was opened: an appeal with its client panel, an attachment, or a full export. */
export const ACCESS_ACTIONS = ['appeal.view', 'attachment.open', 'client.export'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** 152-FZ art. 19: who opened which client's data. One insert per view, nothing else. */
export async function recordClientAccess(
  db: Db,
  at: Date,
  actor: Actor,
  entry: { clientId: number; appealId?: number | null; action: AccessAction },
): Promise<void> {
  await db
    .insertInto('client_access_log')
    .values({
      at: at.toISOString(),
      user_id: actor.kind === 'user' ? actor.userId : null,
      client_id: entry.clientId,
      appeal_id: entry.appealId ?? null,
      action: entry.action,
    })
    .execute();
}

export interface AccessFilter {
  userId?: number | null;
  clientId?: number | null;
  action?: AccessAction | null;
  /** ISO date (inclusive) and date (inclusive, the whole day). */
  from?: string | null;
  to?: string | null;
  /** Keyset: rows with a smaller id than this. */
  before?: number | null;
  limit?: number;
}

export interface AccessRow {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  clientId: number;
  appealId: number | null;
  appealNumber: string | null;
  action: string;
}

export async function listClientAccess(db: Db, f: AccessFilter): Promise<AccessRow[]> {
  let q = db
    .selectFrom('client_access_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .leftJoin('appeals as a', 'a.id', 'l.appeal_id')
    .select([
      'l.id',
      'l.at',
      'l.user_id as userId',
      'u.name as userName',
      'u.email as userEmail',
      'l.client_id as clientId',
      'l.appeal_id as appealId',
      'a.number as appealNumber',
      'l.action',
    ])
    .orderBy('l.id', 'desc')
    .limit(f.limit ?? 100);
  if (f.userId != null) q = q.where('l.user_id', '=', f.userId);
  if (f.clientId != null) q = q.where('l.client_id', '=', f.clientId);
  if (f.action) q = q.where('l.action', '=', f.action);
  if (f.from) q = q.where('l.at', '>=', f.from);
  if (f.to) q = q.where('l.at', '<', f.to);
  if (f.before != null) q = q.where('l.id', '<', f.before);
  return q.execute();
}
