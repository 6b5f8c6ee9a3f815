import { histogramQuantile } from './buckets';
import { histogramOf, type Measures } from './measures';

/** The figures shown per slice, all derived from summed measures. Null: nothing to measure. */
export interface Figures {
  volume: number;
  ackMedianMs: number | null;
  ackP90Ms: number | null;
  firstMedianMs: number | null;
  firstP90Ms: number | null;
  answerMedianMs: number | null;
  answerP90Ms: number | null;
  /** Share of answer deadlines met, 0–1. */
  compliance: number | null;
  breached: number;
  calls: number;
  transfersPerCall: number | null;
  transferBreaches: number;
  fcr: number | null;
  conduct: number | null;
  repeats: number;
  repeatShare: number | null;
  satMean: number | null;
  satGood: number | null;
  satResponses: number;
  responseRate: number | null;
  resolvedShare: number | null;
  replies: number;
  firstPass: number | null;
  overrides: number;
  templateCoverage: number | null;
}

export type FigureKey = keyof Figures;

/** How a figure is shown: a count, a duration in working time, a share, a ratio or a 1–5 rating. */
export type FigureKind = 'count' | 'duration' | 'share' | 'ratio' | 'rating';

export const FIGURES: readonly {
  key: FigureKey;
  kind: FigureKind;
  better: 'up' | 'down' | null;
}[] = [
  { key: 'volume', kind: 'count', better: null },
  { key: 'ackMedianMs', kind: 'duration', better: 'down' },
  { key: 'ackP90Ms', kind: 'duration', better: 'down' },
  { key: 'firstMedianMs', kind: 'duration', better: 'down' },
  { key: 'firstP90Ms', kind: 'duration', better: 'down' },
  { key: 'answerMedianMs', kind: 'duration', better: 'down' },
  { key: 'answerP90Ms', kind: 'duration', better: 'down' },
  { key: 'compliance', kind: 'share', better: 'up' },
  { key: 'breached', kind: 'count', better: 'down' },
  { key: 'calls', kind: 'count', better: null },
  { key: 'transfersPerCall', kind: 'ratio', better: 'down' },
  { key: 'transferBreaches', kind: 'count', better: 'down' },
  { key: 'fcr', kind: 'share', better: 'up' },
  { key: 'conduct', kind: 'share', better: 'up' },
  { key: 'repeats', kind: 'count', better: 'down' },
  { key: 'repeatShare', kind: 'share', better: 'down' },
  { key: 'satMean', kind: 'rating', better: 'up' },
  { key: 'satGood', kind: 'share', better: 'up' },
  { key: 'satResponses', kind: 'count', better: null },
  { key: 'responseRate', kind: 'share', better: 'up' },
  { key: 'resolvedShare', kind: 'share', better: 'up' },
  { key: 'replies', kind: 'count', better: null },
  { key: 'firstPass', kind: 'share', better: 'up' },
  { key: 'overrides', kind: 'count', better: 'down' },
  { key: 'templateCoverage', kind: 'share', better: 'up' },
];

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const n = (m: Readonly<Measures>, k: string) => Number(m[k] ?? 0);

export function figuresOf(m: Readonly<Measures>): Figures {
  const q = (d: 'ack' | 'first' | 'answer', p: number) => histogramQuantile(histogramOf(m, d), p);
  return {
    volume: n(m, 'appeals'),
    ackMedianMs: q('ack', 0.5),
    ackP90Ms: q('ack', 0.9),
    firstMedianMs: q('first', 0.5),
    firstP90Ms: q('first', 0.9),
    answerMedianMs: q('answer', 0.5),
    answerP90Ms: q('answer', 0.9),
    compliance: ratio(n(m, 'due_met'), n(m, 'due_met') + n(m, 'due_breached')),
    breached: n(m, 'due_breached'),
    calls: n(m, 'calls'),
    transfersPerCall: ratio(n(m, 'call_transfers'), n(m, 'calls')),
    transferBreaches: n(m, 'call_breaches'),
    fcr: ratio(n(m, 'calls_resolved'), n(m, 'calls_logged')),
    conduct: ratio(n(m, 'calls_conduct_ok'), n(m, 'calls_logged')),
    repeats: n(m, 'repeats'),
    repeatShare: ratio(n(m, 'repeats'), n(m, 'appeals')),
    satMean: ratio(n(m, 'sat_sum'), n(m, 'sat_n')),
    satGood: ratio(n(m, 'sat_good'), n(m, 'sat_n')),
    satResponses: n(m, 'sat_n'),
    responseRate: ratio(n(m, 'sat_n'), n(m, 'links')),
    resolvedShare: ratio(n(m, 'sat_resolved_yes'), n(m, 'sat_resolved_n')),
    replies: n(m, 'replies'),
    firstPass: ratio(n(m, 'replies_first_pass'), n(m, 'replies_styled')),
    overrides: n(m, 'replies_overridden'),
    templateCoverage: ratio(n(m, 'replies_template'), n(m, 'replies')),
  };
}

/** Thresholds an admin sets for the registry's flags (see metrics settings). */
export interface FlagThresholds {
  /** Flag when the share of missed answer deadlines is above this (0–1). */
  maxBreachShare: number;
  /** Flag when the mean rating is below this (1–5)… */
  minSatisfaction: number;
  /** …given at least this many answers. */
  minResponses: number;
  /** The period the registry's figures cover, in days. */
  windowDays: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = {
  maxBreachShare: 0.1,
  minSatisfaction: 4,
  minResponses: 3,
  windowDays: 30,
};

export const FLAGS = ['breaches', 'lowSatisfaction', 'noTemplates', 'noTraffic'] as const;
export type Flag = (typeof FLAGS)[number];

/** The registry's flags for one row or touchpoint (seed 000 §4.7: a row with no traffic stays listed). */
export function flagsFor(
  f: Figures,
  t: FlagThresholds,
  hasTemplates: boolean,
  traffic: number,
): Flag[] {
  const flags: Flag[] = [];
  if (f.compliance != null && 1 - f.compliance > t.maxBreachShare) flags.push('breaches');
  if (f.satMean != null && f.satResponses >= t.minResponses && f.satMean < t.minSatisfaction)
    flags.push('lowSatisfaction');
  if (!hasTemplates) flags.push('noTemplates');
  if (traffic === 0) flags.push('noTraffic');
  return flags;
}
