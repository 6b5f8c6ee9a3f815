import {
  isLive,
  isTyping,
  statusOf,
  RELOAD_GRACE_MS,
  STALE_MS,
  type PresenceStatus,
} from '../../domain/presence';
import type { Db } from '../db';

const iso = (ms: number) => new Date(ms).toISOString();

export async function addTab(
  db: Db,
  tab: { socketId: string; userId: number; nodeId: string },
  now: number,
) {
  await db
    .insertInto('presence')
    .values({
      socket_id: tab.socketId,
      user_id: tab.userId,
      node_id: tab.nodeId,
      state: 'online',
      seen_at: iso(now),
    })
    .execute();
}

export async function updateTab(
  db: Db,
  socketId: string,
  change: { state?: 'online' | 'away'; appeal_id?: number | null; typing_at?: string | null },
  now: number,
) {
  await db
    .updateTable('presence')
    .set({ ...change, seen_at: iso(now) })
    .where('socket_id', '=', socketId)
    .execute();
}

export async function closeTab(db: Db, socketId: string, now: number) {
  await db
    .updateTable('presence')
    .set({ gone_at: iso(now), typing_at: null })
    .where('socket_id', '=', socketId)
    .execute();
}

/** The node's tabs are alive; rows of closed tabs and of dead nodes are dropped. */
export async function heartbeat(db: Db, nodeId: string, now: number) {
  await db
    .updateTable('presence')
    .set({ seen_at: iso(now) })
    .where('node_id', '=', nodeId)
    .where('gone_at', 'is', null)
    .execute();
  await db
    .deleteFrom('presence')
    .where((eb) =>
      eb.or([
        eb('gone_at', '<', iso(now - RELOAD_GRACE_MS * 2)),
        eb('seen_at', '<', iso(now - STALE_MS * 2)),
      ]),
    )
    .execute();
}

/** The node is shutting down: its open tabs close in one update. */
export async function closeNodeTabs(db: Db, nodeId: string, now: number) {
  await db
    .updateTable('presence')
    .set({ gone_at: iso(now), typing_at: null })
    .where('node_id', '=', nodeId)
    .where('gone_at', 'is', null)
    .execute();
}

export interface Viewer {
  userId: number;
  name: string;
  typing: boolean;
}

/** Who has the appeal open in a live tab (closed tabs leave at once), typing first. */
export async function viewersOf(db: Db, appealId: number, now: number): Promise<Viewer[]> {
  const rows = await db
    .selectFrom('presence as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'u.name', 'p.state', 'p.seen_at', 'p.gone_at', 'p.typing_at'])
    .where('p.appeal_id', '=', appealId)
    .where('p.gone_at', 'is', null)
    .execute();
  const byUser = new Map<number, Viewer>();
  for (const r of rows) {
    const row = { state: r.state, seenAt: r.seen_at, goneAt: r.gone_at, typingAt: r.typing_at };
    if (!isLive(row, now)) continue;
    const seen = byUser.get(r.user_id);
    const typing = isTyping(row, now) || (seen?.typing ?? false);
    byUser.set(r.user_id, { userId: r.user_id, name: r.name, typing });
  }
  return [...byUser.values()].sort((a, b) => Number(b.typing) - Number(a.typing));
}

export interface StaffPresence {
  userId: number;
  status: PresenceStatus;
  /** The appeal open in the user's most recently active tab. */
  appealId: number | null;
}

export async function presenceOf(db: Db, userIds: number[], now: number) {
  const rows = userIds.length
    ? await db
        .selectFrom('presence')
        .select(['user_id', 'state', 'seen_at', 'gone_at', 'typing_at', 'appeal_id'])
        .where('user_id', 'in', userIds)
        .orderBy('seen_at', 'desc')
        .execute()
    : [];
  const result = new Map<number, StaffPresence>();
  for (const id of userIds) {
    const mine = rows.filter((r) => r.user_id === id);
    const tabs = mine.map((r) => ({
      state: r.state,
      seenAt: r.seen_at,
      goneAt: r.gone_at,
      typingAt: r.typing_at,
    }));
    const viewing = mine.find((r) => r.gone_at == null && r.appeal_id != null);
    result.set(id, {
      userId: id,
      status: statusOf(tabs, now),
      appealId: viewing?.appeal_id ?? null,
    });
  }
  return result;
}
