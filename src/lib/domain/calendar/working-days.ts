import { addDays, dateToUtc, moscowDate } from './dates';
import { describeDay, type CalendarOverrides } from './production-calendar';

export { moscowDate } from './dates';
export type { CalendarOverrides, OverrideKind } from './production-calendar';

/** Seed 000 §6.5, seed 004 §31, seed 001 §5.4: the new version is published within 10 working days. */
export const PUBLICATION_WORKING_DAYS = 10;

export function isWorkingDay(date: string, overrides?: CalendarOverrides): boolean {
  return describeDay(date, overrides).working;
}

/**
 * The n-th working day after `date` (before it when n is negative); the start day itself is not
 * counted, as a period «со дня» an event runs from the next day (Civil Code art. 191). n = 0 gives
 * `date` back unchanged.
 */
export function addWorkingDays(date: string, n: number, overrides?: CalendarOverrides): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let day = date;
  dateToUtc(day);
  while (left > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day, overrides)) left--;
  }
  return day;
}

/**
 * Working days in (a, b]: how many working days from a until b is reached, so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n. Negative when b is before a;
 * 0 on the same day. Used for «days left» to a deadline: 0 means the deadline is today.
 */
export function workingDaysBetween(a: string, b: string, overrides?: CalendarOverrides): number {
  const from = dateToUtc(a);
  const to = dateToUtc(b);
  if (from === to) return 0;
  const [start, end, sign] = from < to ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = addDays(start, 1); day <= end; day = addDays(day, 1)) {
    if (isWorkingDay(day, overrides)) count++;
  }
  return sign * count;
}

/** The last day to publish a version approved at the given instant, as a Moscow date. */
export function publicationDue(approvedAtIso: string, overrides?: CalendarOverrides): string {
  return addWorkingDays(moscowDate(approvedAtIso), PUBLICATION_WORKING_DAYS, overrides);
}
