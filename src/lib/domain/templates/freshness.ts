import { addDays } from '../calendar/dates';

/**
 * Seed 000 §3.4 з, seed 001 §3.2.6: templates «должны своевременно актуализироваться». A template
 * past its review-by date is stale; one without a date was never given one and counts as stale too.
 */
export type Freshness = 'current' | 'due' | 'stale' | 'unset';

export const DUE_SOON_DAYS = 14;
/** How far ahead a confirmed or new template is next reviewed. */
export const REVIEW_PERIOD_DAYS = 182;

export function freshness(reviewBy: string | null, today: string): Freshness {
  if (!reviewBy) return 'unset';
  if (reviewBy < today) return 'stale';
  if (reviewBy <= addDays(today, DUE_SOON_DAYS)) return 'due';
  return 'current';
}

export const needsReview = (f: Freshness) => f === 'stale' || f === 'unset';

/** Today in Moscow, as the contact centre's calendar date. */
export function moscowToday(now: Date): string {
  return new Date(now.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

export function nextReviewDate(today: string): string {
  return addDays(today, REVIEW_PERIOD_DAYS);
}
