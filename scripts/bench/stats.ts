/** The p-quantile (0 < p ≤ 1) of ascending values by the nearest-rank method; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}
