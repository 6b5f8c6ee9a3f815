import { BUCKETS, bucketOf } from './buckets';

/**
 * Additive counts and sums kept per day × touchpoint × process × unit × operator × channel. Any
 * figure over any period is computed from their sums, so a roll-up row never needs to be read
 * back from the appeals it came from.
 */
export const COUNTERS = [
  /** Appeals created. */
  'appeals',
  /** Appeals whose client wrote on the same process within 7 days before (seed 000 §3.5). */
  'repeats',
  'ack_n',
  'ack_ms',
  'first_n',
  'first_ms',
  'answer_n',
  'answer_ms',
  /** Answer deadlines met / missed, counted on the day the answer came or the deadline passed. */
  'due_met',
  'due_breached',
  'calls',
  'call_transfers',
  /** Calls transferred more than twice (seed 001 §3.2.5). */
  'call_breaches',
  /** Logged calls, those resolved during the call, and those with the whole conduct checklist. */
  'calls_logged',
  'calls_resolved',
  'calls_conduct_ok',
  /** Survey links issued, answers, the sum of ratings, ratings of 4–5, «resolved?» answered / yes. */
  'links',
  'sat_n',
  'sat_sum',
  'sat_good',
  'sat_resolved_n',
  'sat_resolved_yes',
  /** Written replies; with a checklist result; passed with no warning and no override; overridden. */
  'replies',
  'replies_styled',
  'replies_first_pass',
  'replies_overridden',
  'override_items',
  /** Replies written from a template inserted since the appeal's previous reply. */
  'replies_template',
] as const;
export type Counter = (typeof COUNTERS)[number];

export const DURATIONS = ['ack', 'first', 'answer'] as const;
export type Duration = (typeof DURATIONS)[number];

export const histColumn = (d: Duration, i: number) => `${d}_h${i}` as const;
export type HistColumn = `${Duration}_h${number}`;

/** Every stored measure column, counters first, then the duration buckets. */
export const MEASURE_COLUMNS: readonly string[] = [
  ...COUNTERS,
  ...DURATIONS.flatMap((d) => Array.from({ length: BUCKETS }, (_, i) => histColumn(d, i))),
];

export type Measures = Record<string, number>;

export function emptyMeasures(): Measures {
  return Object.fromEntries(MEASURE_COLUMNS.map((c) => [c, 0]));
}

export function addMeasures(into: Measures, from: Readonly<Measures>): Measures {
  for (const c of MEASURE_COLUMNS) into[c] = (into[c] ?? 0) + Number(from[c] ?? 0);
  return into;
}

export function histogramOf(m: Readonly<Measures>, d: Duration): number[] {
  return Array.from({ length: BUCKETS }, (_, i) => Number(m[histColumn(d, i)] ?? 0));
}

/** Adds one duration: its count, its sum and its bucket. */
export function addDuration(m: Measures, d: Duration, ms: number): void {
  const v = Math.max(0, Math.round(ms));
  m[`${d}_n`] = (m[`${d}_n`] ?? 0) + 1;
  m[`${d}_ms`] = (m[`${d}_ms`] ?? 0) + v;
  const col = histColumn(d, bucketOf(v));
  m[col] = (m[col] ?? 0) + 1;
}

/** The slice a roll-up row belongs to; 0 / '' stand for «none» so the key stays unique. */
export interface SliceKey {
  day: string;
  touchpointId: number;
  processId: number;
  unitId: number;
  operatorId: number;
  channel: string;
}

export const sliceId = (k: SliceKey) =>
  `${k.day}|${k.touchpointId}|${k.processId}|${k.unitId}|${k.operatorId}|${k.channel}`;

/** Collects measures per slice. */
export class SliceSums {
  readonly rows = new Map<string, { key: SliceKey; m: Measures }>();

  at(key: SliceKey): Measures {
    const id = sliceId(key);
    let row = this.rows.get(id);
    if (!row) {
      row = { key, m: emptyMeasures() };
      this.rows.set(id, row);
    }
    return row.m;
  }

  add(key: SliceKey, counter: Counter, by = 1): void {
    const m = this.at(key);
    m[counter] = (m[counter] ?? 0) + by;
  }

  duration(key: SliceKey, d: Duration, ms: number): void {
    addDuration(this.at(key), d, ms);
  }

  list() {
    return [...this.rows.values()];
  }
}
