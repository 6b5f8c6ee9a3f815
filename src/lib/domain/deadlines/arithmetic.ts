import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../calendar/working-days';
import type { CalendarOverrides } from '../calendar/production-calendar';
import { HOUR_MS, addDays, calendarDaysBetween, endOfMskDay, mskInstant, mskParts } from './time';

export const DEADLINE_UNITS = [
  'calendar_hours',
  'calendar_days',
  'working_hours',
  'working_days',
] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export interface Target {
  amount: number;
  unit: DeadlineUnit;
}

/** The production calendar with the admin's overrides and the office hours, Moscow minutes. */
export interface WorkTime {
  overrides?: CalendarOverrides;
  officeStart: number;
  officeEnd: number;
}

export interface Pause {
  from: string;
  to: string;
}

const ms = (iso: string) => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Not an instant: ${iso}`);
  return t;
};

/** Office time (ms) between two instants, on working days only. */
export function workingMsBetween(fromIso: string, toIso: string, work: WorkTime): number {
  const a = ms(fromIso);
  const b = ms(toIso);
  if (b <= a) return 0;
  let total = 0;
  for (let date = mskParts(a).date; mskInstant(date, 0) < b; date = addDays(date, 1)) {
    if (!isWorkingDay(date, work.overrides)) continue;
    const open = Math.max(a, mskInstant(date, work.officeStart));
    const close = Math.min(b, mskInstant(date, work.officeEnd));
    if (close > open) total += close - open;
  }
  return total;
}

/** The instant when `amount` ms of office time have passed after `start` (from the next opening if closed). */
export function addWorkingMs(startIso: string, amount: number, work: WorkTime): number {
  if (work.officeEnd <= work.officeStart) throw new RangeError('Office hours are empty');
  let cur = ms(startIso);
  let left = amount;
  for (let guard = 0; guard < 3700; guard++) {
    const { date } = mskParts(cur);
    if (isWorkingDay(date, work.overrides)) {
      const from = Math.max(cur, mskInstant(date, work.officeStart));
      const close = mskInstant(date, work.officeEnd);
      if (from < close) {
        if (left <= close - from) return from + left;
        left -= close - from;
      }
    }
    cur = mskInstant(addDays(date, 1), 0);
  }
  throw new RangeError('No working time within ten years');
}

/**
 * The deadline for a target counted from `start`, moved on by the time the appeal waited for the
 * client (DESIGN: the clock pauses while waiting) and by an extension in days.
 * - calendar days: counted from the day after the start (59-FZ art. 12 p. 1, Civil Code art. 191),
 *   ending at 24:00 Moscow; a last day that is not a working day moves to the next working day
 *   (Civil Code art. 193). Pauses add the calendar days they spanned.
 * - working days: the n-th working day after the start day, 24:00; pauses add the working days spanned.
 * - calendar hours: plain elapsed time plus the paused time.
 * - working hours: office time on working days, the paused office time excluded.
 */
export function dueAt(
  startIso: string,
  target: Target,
  work: WorkTime,
  pauses: readonly Pause[] = [],
  extensionDays = 0,
): string {
  if (!Number.isInteger(target.amount) || target.amount < 0) {
    throw new RangeError(`Bad deadline amount: ${target.amount}`);
  }
  const start = ms(startIso);
  const startDate = mskParts(start).date;
  switch (target.unit) {
    case 'calendar_hours': {
      const paused = pauses.reduce((s, p) => s + Math.max(0, ms(p.to) - ms(p.from)), 0);
      return new Date(
        start + target.amount * HOUR_MS + paused + extensionDays * 24 * HOUR_MS,
      ).toISOString();
    }
    case 'working_hours': {
      const paused = pauses.reduce((s, p) => s + workingMsBetween(p.from, p.to, work), 0);
      const extra = extensionDays * (work.officeEnd - work.officeStart) * 60_000;
      return new Date(
        addWorkingMs(startIso, target.amount * HOUR_MS + paused + extra, work),
      ).toISOString();
    }
    case 'calendar_days': {
      const paused = pauses.reduce(
        (s, p) =>
          s + Math.max(0, calendarDaysBetween(mskParts(ms(p.from)).date, mskParts(ms(p.to)).date)),
        0,
      );
      let date = addDays(startDate, target.amount + paused + extensionDays);
      while (!isWorkingDay(date, work.overrides)) date = addDays(date, 1);
      return new Date(endOfMskDay(date)).toISOString();
    }
    case 'working_days': {
      const paused = pauses.reduce(
        (s, p) =>
          s +
          Math.max(
            0,
            workingDaysBetween(mskParts(ms(p.from)).date, mskParts(ms(p.to)).date, work.overrides),
          ),
        0,
      );
      const date = addWorkingDays(
        startDate,
        target.amount + paused + extensionDays,
        work.overrides,
      );
      return new Date(endOfMskDay(date)).toISOString();
    }
  }
}

/** Share of the allowed time used at `now` (0…, over 1 when late), the time paused left out. */
export function usedShare(startIso: string, dueIso: string, nowIso: string, pausedMs = 0): number {
  const total = ms(dueIso) - ms(startIso) - pausedMs;
  if (total <= 0) return 1;
  return Math.max(0, (ms(nowIso) - ms(startIso) - pausedMs) / total);
}
