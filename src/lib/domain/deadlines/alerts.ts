/** One line of the deadline warnings and breaches list (issue 10); shared by the server and the page. */
export const ALERT_STATES = ['warning', 'breached'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertRow {
  appealId: number;
  number: string;
  subject: string;
  status: string;
  /** The answer's deadline or forwarding to the competent body (59-FZ art. 8 p. 3). */
  target: 'answer' | 'forward';
  state: AlertState;
  dueAt: string;
  /** Time left until the deadline; negative once it has passed. */
  leftMs: number;
  /** Time over for a breach. */
  overMs: number | null;
  assigneeId: number | null;
  assignee: string | null;
  unitId: number | null;
  unit: string | null;
}

const MINUTE = 60_000;

/** «2 д 3 ч», «5 ч 10 мин», «15 мин»: a duration as people read it at a glance. */
export function formatSpan(ms: number, units: { d: string; h: string; m: string }): string {
  const total = Math.max(0, Math.round(Math.abs(ms) / MINUTE));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days) return hours ? `${days} ${units.d} ${hours} ${units.h}` : `${days} ${units.d}`;
  if (hours) return minutes ? `${hours} ${units.h} ${minutes} ${units.m}` : `${hours} ${units.h}`;
  return `${minutes} ${units.m}`;
}
