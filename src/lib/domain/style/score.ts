import type { Finding, Severity } from './types';

/**
 * Weights of the score, in the spirit of Glavred's published formula
 * 10 × (1 − weighted findings ÷ words)³: a block costs three warnings, a note a quarter of one.
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = { block: 3, warn: 1, info: 0.25 };

export function score(findings: readonly Finding[], words: number): number {
  const weighted = findings.reduce((sum, f) => sum + SEVERITY_WEIGHTS[f.severity], 0);
  if (!weighted) return 10;
  const raw = 10 * Math.pow(1 - weighted / Math.max(words, 1), 3);
  return Math.round(Math.min(10, Math.max(0, raw)) * 10) / 10;
}
