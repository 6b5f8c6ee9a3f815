import { addDays, dateToUtc, utcToDate } from '../calendar/dates';

/** Moscow time has been UTC+3 all year since 26 October 2014 (Federal Law 107-FZ as amended by 248-FZ). */
export const MSK_OFFSET_MS = 3 * 3_600_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The Moscow calendar date and minute of the day at an instant (ms since epoch). */
export function mskParts(ms: number): { date: string; minute: number } {
  const shifted = ms + MSK_OFFSET_MS;
  const dayStart = Math.floor(shifted / DAY_MS) * DAY_MS;
  return { date: utcToDate(dayStart), minute: Math.floor((shifted - dayStart) / 60_000) };
}

/** The instant of a Moscow wall-clock minute on a date; 1440 is midnight at the day's end. */
export function mskInstant(date: string, minute: number): number {
  return dateToUtc(date) + minute * 60_000 - MSK_OFFSET_MS;
}

/** The last millisecond of a Moscow day: a period in days ends at 24:00 of its last day (Civil Code art. 194). */
export function endOfMskDay(date: string): number {
  return mskInstant(date, 1440) - 1;
}

export function calendarDaysBetween(a: string, b: string): number {
  return Math.round((dateToUtc(b) - dateToUtc(a)) / DAY_MS);
}

export { addDays };
