import { SIGNAL_KINDS, type Signal, type SignalKind } from './signals';

/**
 * Seed 003 §3.6: pain points are put in order of priority by two factors — the pain point's impact
 * on the process («воздействие … на отдельный процесс и процедуру») and whether it can be removed
 * («возможность устранения»). The maintainer rates the second one per pain point.
 */
export type Fixability = 1 | 2 | 3;
export const FIXABILITY: readonly Fixability[] = [1, 2, 3];

/**
 * Rank = impact × weight: what is easy to fix comes first among equally painful points.
 * A pain point nobody has rated yet counts as «средне» until the maintainer decides.
 */
export const FIXABILITY_WEIGHT: Record<Fixability, number> = { 1: 1, 2: 0.6, 3: 0.3 };
export const UNRATED_WEIGHT = FIXABILITY_WEIGHT[2];

/** The periods the pain map offers (issue 12: the last 30 or 90 days). */
export const PAIN_PERIODS = [30, 90] as const;
export type PainPeriod = (typeof PAIN_PERIODS)[number];

export function pickPeriod(v: unknown): PainPeriod {
  return Number(v) === 90 ? 90 : 30;
}

export function isFixability(v: unknown): v is Fixability {
  return v === 1 || v === 2 || v === 3;
}

/** A pain point is one touchpoint × process (issue 12); appeals without a process form their own. */
export function painKey(touchpointId: number, processId: number | null): string {
  return `${touchpointId}:${processId ?? 0}`;
}

export function parsePainKey(
  key: string,
): { touchpointId: number; processId: number | null } | null {
  const m = /^(\d+):(\d+)$/.exec(key);
  if (!m) return null;
  const processId = Number(m[2]);
  return { touchpointId: Number(m[1]), processId: processId === 0 ? null : processId };
}

export interface PainComment {
  at: string;
  rating: number | null;
  resolved: number | null;
  text: string;
}

export interface PainPoint {
  key: string;
  touchpointId: number;
  processId: number | null;
  /** Distinct clients with at least one signal here. */
  clients: number;
  signals: Record<SignalKind, number>;
  /** Σ over affected clients of the worst severity each of them met (how many × how bad). */
  impact: number;
  fixability: Fixability | null;
  /** impact × fixability weight, rounded to 0.1. */
  rank: number;
  /** Appeals of complaints and repeat contacts, newest first. */
  exampleAppealIds: number[];
  /** Survey comments, newest first, without anything about who wrote them (seed 003 §3.3). */
  comments: PainComment[];
  lastAt: string;
}

export const EXAMPLES_PER_POINT = 5;

/**
 * Groups signals by touchpoint × process and ranks the pain points.
 * Impact counts each client once, at the worst they met: ten letters from one angry client weigh
 * less than ten clients each giving a rating of 1, which is what «how many clients» asks for.
 */
export function rankPainPoints(
  signals: readonly Signal[],
  fixability: ReadonlyMap<string, Fixability> = new Map(),
  examples = EXAMPLES_PER_POINT,
): PainPoint[] {
  const groups = new Map<string, Signal[]>();
  for (const s of signals) {
    const k = painKey(s.touchpointId, s.processId);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  const points: PainPoint[] = [];
  for (const [key, list] of groups) {
    const worst = new Map<string, number>();
    const counts = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Record<
      SignalKind,
      number
    >;
    for (const s of list) {
      counts[s.kind]++;
      worst.set(s.clientKey, Math.max(worst.get(s.clientKey) ?? 0, s.severity));
    }
    const impact = [...worst.values()].reduce((a, b) => a + b, 0);
    const fix = fixability.get(key) ?? null;
    const weight = fix ? FIXABILITY_WEIGHT[fix] : UNRATED_WEIGHT;
    const newest = [...list].sort((a, b) => b.at.localeCompare(a.at));
    const appealIds: number[] = [];
    for (const s of newest) {
      if (s.kind === 'survey' || s.appealId == null || appealIds.includes(s.appealId)) continue;
      if (appealIds.length < examples) appealIds.push(s.appealId);
    }
    points.push({
      key,
      touchpointId: list[0]!.touchpointId,
      processId: list[0]!.processId,
      clients: worst.size,
      signals: counts,
      impact,
      fixability: fix,
      rank: Math.round(impact * weight * 10) / 10,
      exampleAppealIds: appealIds,
      comments: newest
        .filter((s) => s.kind === 'survey' && s.comment?.trim())
        .slice(0, examples)
        .map((s) => ({
          at: s.at,
          rating: s.rating ?? null,
          resolved: s.resolved ?? null,
          text: s.comment!.trim(),
        })),
      lastAt: newest[0]!.at,
    });
  }
  return points.sort(
    (a, b) =>
      b.rank - a.rank || b.impact - a.impact || b.clients - a.clients || a.key.localeCompare(b.key),
  );
}
