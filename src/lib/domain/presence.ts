export type PresenceStatus = 'online' | 'away' | 'offline';

export interface PresenceRow {
  state: 'online' | 'away';
  seenAt: string;
  goneAt: string | null;
  typingAt: string | null;
}

/** A node refreshes its tabs' rows this often; a row not refreshed for STALE_MS is a dead node's. */
export const HEARTBEAT_MS = 15_000;
export const STALE_MS = 45_000;
/** A closed tab still counts this long, so a page reload does not flash «offline». */
export const RELOAD_GRACE_MS = 8_000;
/** «Typing» lasts this long after the last keystroke notice. */
export const TYPING_MS = 6_000;

export function isLive(row: PresenceRow, now: number): boolean {
  if (row.goneAt) return now - Date.parse(row.goneAt) < RELOAD_GRACE_MS;
  return now - Date.parse(row.seenAt) < STALE_MS;
}

/** Online when any live tab is in use, away when all of them are idle or hidden. */
export function statusOf(rows: readonly PresenceRow[], now: number): PresenceStatus {
  const live = rows.filter((r) => isLive(r, now));
  if (live.some((r) => r.state === 'online')) return 'online';
  return live.length ? 'away' : 'offline';
}

export const isTyping = (row: PresenceRow, now: number) =>
  row.typingAt != null && now - Date.parse(row.typingAt) < TYPING_MS;
