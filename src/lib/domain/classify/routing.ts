export interface RoutingRule {
  id: number;
  position: number;
  processId: number | null;
  touchpointId: number | null;
  segment: string | null;
  priority: string | null;
  unitId: number | null;
  userId: number | null;
}

export interface RoutingFacts {
  processId: number | null;
  touchpointId: number;
  segment: string | null;
  priority: string;
}

/** The first rule in the admin's order whose filled conditions all hold (empty = any). */
export function pickRoute<R extends RoutingRule>(rules: readonly R[], a: RoutingFacts): R | null {
  return (
    [...rules]
      .sort((x, y) => x.position - y.position || x.id - y.id)
      .find(
        (r) =>
          (r.processId == null || r.processId === a.processId) &&
          (r.touchpointId == null || r.touchpointId === a.touchpointId) &&
          (r.segment == null || r.segment === a.segment) &&
          (r.priority == null || r.priority === a.priority),
      ) ?? null
  );
}

export interface Candidate {
  userId: number;
  open: number;
}

/** Least open work first; on a tie the lower id, so the choice is the same on every run. */
export function leastOpen(candidates: readonly Candidate[]): number | null {
  const best = [...candidates].sort((a, b) => a.open - b.open || a.userId - b.userId)[0];
  return best?.userId ?? null;
}

/** The member after the last one served, wrapping round; the first when nobody was served yet. */
export function roundRobin(memberIds: readonly number[], last: number | null): number | null {
  const sorted = [...memberIds].sort((a, b) => a - b);
  if (!sorted.length) return null;
  return sorted.find((id) => last == null || id > last) ?? sorted[0]!;
}
