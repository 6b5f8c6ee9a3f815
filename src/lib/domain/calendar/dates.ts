/** Calendar dates as 'YYYY-MM-DD' strings; arithmetic is done on UTC midnights so no zone shifts in. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds of the date's UTC midnight; throws on anything but a real 'YYYY-MM-DD' date. */
export function dateToUtc(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`No such date: ${date}`);
  }
  return ms;
}

export function utcToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    dateToUtc(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return utcToDate(dateToUtc(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(dateToUtc(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export const MOSCOW_TIME_ZONE = 'Europe/Moscow';

let moscowFormat: Intl.DateTimeFormat | null = null;

/**
 * The calendar date in Moscow at the given instant: deadlines in the orders run in the agency's
 * days, so an approval at 01:30 Moscow time on the 28th (22:30 UTC on the 27th) counts from the 28th.
 */
export function moscowDate(instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  moscowFormat ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: MOSCOW_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = Object.fromEntries(moscowFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 'YYYY-MM-DD' as Russian readers write it: «05.03.2026». */
export function formatRuDate(date: string): string {
  return date.split('-').reverse().join('.');
}
