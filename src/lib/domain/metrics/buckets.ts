/**
 * Durations (working time, ms) are kept as counts in fixed buckets so that a median or a p90 over
 * any period and any slice is computed from summed counts, never from the appeals themselves.
 * The upper bounds follow the targets in use: minutes for calls and social media, hours for the
 * first response, working days (9 office hours) for answers under 59-FZ and 8-FZ.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
/** One working day of office time at the default 09:00–18:00. */
const WDAY = 9 * HOUR;

export const BUCKET_BOUNDS: readonly number[] = [
  15 * MIN,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  WDAY,
  2 * WDAY,
  3 * WDAY,
  5 * WDAY,
  7 * WDAY,
  10 * WDAY,
  15 * WDAY,
  20 * WDAY,
  30 * WDAY,
  45 * WDAY,
  60 * WDAY,
  Infinity,
];

export const BUCKETS = BUCKET_BOUNDS.length;

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(BUCKETS).fill(0);
}

export function bucketOf(ms: number): number {
  const v = Math.max(0, ms);
  for (let i = 0; i < BUCKETS; i++) if (v < BUCKET_BOUNDS[i]!) return i;
  return BUCKETS - 1;
}

export function addToHistogram(h: Histogram, ms: number): void {
  h[bucketOf(ms)]!++;
}

export function mergeHistograms(into: Histogram, from: readonly number[]): void {
  for (let i = 0; i < BUCKETS; i++) into[i]! += from[i] ?? 0;
}

/**
 * The q-quantile (0 < q < 1) estimated from bucket counts: the bucket holding the rank, with the
 * rank placed linearly inside it; the open last bucket gives its lower bound. Null when empty.
 */
export function histogramQuantile(h: readonly number[], q: number): number | null {
  const total = h.reduce((s, n) => s + n, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const n = h[i] ?? 0;
    if (n && seen + n >= rank) {
      const lower = i === 0 ? 0 : BUCKET_BOUNDS[i - 1]!;
      const upper = BUCKET_BOUNDS[i]!;
      if (!Number.isFinite(upper)) return lower;
      return lower + ((rank - seen) / n) * (upper - lower);
    }
    seen += n;
  }
  return BUCKET_BOUNDS[BUCKETS - 2]!;
}

/** The exact q-quantile of a list (nearest-rank), the reference the buckets approximate. */
export function exactQuantile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
