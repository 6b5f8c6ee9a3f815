import type { Target } from './arithmetic';

/** Legal bases a policy names (issue 10): 59-FZ appeal, 8-FZ information request, open sources, internal, agency rule. */
export const BASES = ['fz59', 'fz8', 'open_sources', 'internal', 'agency'] as const;
export type Basis = (typeof BASES)[number];

export interface PolicyScope {
  channel: string | null;
  touchpointId: number | null;
  processId: number | null;
  segment: string | null;
}

export interface Policy extends PolicyScope {
  id: number;
  name: string;
  basis: Basis;
  ack: Target | null;
  first: Target | null;
  answer: Target | null;
  extensionDays: number | null;
  forwardDays: number | null;
}

export interface AppealFacts {
  channel: string;
  touchpointId: number;
  processId: number | null;
  segment: string | null;
}

/** A touchpoint is more specific than a process, a process than a segment, a segment than a channel. */
const WEIGHT = { touchpointId: 8, processId: 4, segment: 2, channel: 1 } as const;

export function specificity(scope: PolicyScope): number {
  let s = 0;
  for (const key of Object.keys(WEIGHT) as (keyof typeof WEIGHT)[]) {
    if (scope[key] != null) s += WEIGHT[key];
  }
  return s;
}

export function matches(scope: PolicyScope, a: AppealFacts): boolean {
  return (
    (scope.channel == null || scope.channel === a.channel) &&
    (scope.touchpointId == null || scope.touchpointId === a.touchpointId) &&
    (scope.processId == null || scope.processId === a.processId) &&
    (scope.segment == null || scope.segment === a.segment)
  );
}

/** The most specific matching policy; on a tie the older one (lower id). */
export function pickPolicy<P extends Policy>(policies: readonly P[], a: AppealFacts): P | null {
  let best: P | null = null;
  for (const p of policies) {
    if (!matches(p, a)) continue;
    if (
      !best ||
      specificity(p) > specificity(best) ||
      (specificity(p) === specificity(best) && p.id < best.id)
    ) {
      best = p;
    }
  }
  return best;
}
