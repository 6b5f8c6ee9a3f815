import { addDays, dateToUtc, isIsoDate } from '../calendar/dates';
import { mskInstant, mskParts } from '../deadlines/time';

/** Figures are kept per agency (Moscow) day: an appeal at 01:00 Moscow time belongs to that day. */
export function mskDay(iso: string | number): string {
  return mskParts(typeof iso === 'number' ? iso : Date.parse(iso)).date;
}

/** The UTC instant a Moscow day starts, as stored timestamps are compared. */
export function dayStartIso(day: string): string {
  return new Date(mskInstant(day, 0)).toISOString();
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Sorted days cut into runs of consecutive days, each at most `max` long. */
export function consecutiveRuns(days: Iterable<string>, max = 7): [string, string][] {
  const sorted = [...new Set(days)].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === d && (dateToUtc(d) - dateToUtc(last[0])) / 86_400_000 < max)
      last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

export const PRESETS = ['7', '30', '90'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

/** The last n days up to today, or a custom range (from ≤ to, both valid) clipped to today. */
export function periodOf(
  input: { preset?: string | null; from?: string | null; to?: string | null },
  today: string,
): Period {
  if (input.from && input.to && isIsoDate(input.from) && isIsoDate(input.to)) {
    const [a, b] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
    return { from: a, to: b > today ? today : b };
  }
  const n = Number(input.preset) || 30;
  return { from: addDays(today, -(Math.min(Math.max(n, 1), 3660) - 1)), to: today };
}
