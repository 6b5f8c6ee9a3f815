/**
 * What each figure counts, one rule per function, on plain records (no I/O). The roll-up and the
 * live view both feed records through these; the tests check them on hand-computed cases.
 */

const DAY_MS = 86_400_000;
/** Seed 000 §3.5: the client should not have to come back; a repeat is within 7 days. */
export const REPEAT_WINDOW_DAYS = 7;
/** Seed 001 §3.2.5: a call is transferred at most twice. */
export const MAX_TRANSFERS = 2;

export interface AppealRef {
  id: number;
  clientId: number;
  processId: number | null;
  createdAt: string;
}

/**
 * A repeat contact: the same client wrote on the same process within the 7 days before this
 * appeal. Appeals with no process yet (not triaged) are never repeats: the topic is unknown.
 */
export function isRepeat(appeal: AppealRef, sameClient: readonly AppealRef[]): boolean {
  if (appeal.processId == null) return false;
  const t = Date.parse(appeal.createdAt);
  return sameClient.some((o) => {
    if (o.id === appeal.id || o.clientId !== appeal.clientId || o.processId !== appeal.processId)
      return false;
    const u = Date.parse(o.createdAt);
    return (u < t || (u === t && o.id < appeal.id)) && t - u <= REPEAT_WINDOW_DAYS * DAY_MS;
  });
}

/**
 * When the client was first told the appeal is received: the first acknowledgement or, without
 * one, the first response (a reply or the call itself answers at once).
 */
export function acknowledgedAt(firstAckAt: string | null, firstResponseAt: string | null) {
  if (firstAckAt && firstResponseAt)
    return Date.parse(firstAckAt) <= Date.parse(firstResponseAt) ? firstAckAt : firstResponseAt;
  return firstAckAt ?? firstResponseAt;
}

export interface DeadlineFacts {
  answerDueAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  open: boolean;
}

/**
 * The answer deadline's outcome and the instant it became known: met or missed when the appeal
 * was answered (or closed without an answer); missed once the deadline passed with the appeal still
 * open. Null while it is still running, or when the appeal has no deadline.
 */
export function deadlineOutcome(
  a: DeadlineFacts,
  nowIso: string,
): { outcome: 'met' | 'breached'; at: string } | null {
  if (!a.answerDueAt) return null;
  const due = Date.parse(a.answerDueAt);
  const finished = a.answeredAt ?? (a.open ? null : a.closedAt);
  if (finished) return { outcome: Date.parse(finished) <= due ? 'met' : 'breached', at: finished };
  if (Date.parse(nowIso) > due) return { outcome: 'breached', at: a.answerDueAt };
  return null;
}

export interface CallFacts {
  transfers: number;
  /** A transfer flagged as a breach when it was made (the third and later). */
  flaggedBreach: boolean;
  logged: boolean;
  outcome: string | null;
  checklist: readonly number[];
}

export function callFigures(c: CallFacts) {
  return {
    transfers: c.transfers,
    breach: c.flaggedBreach || c.transfers > MAX_TRANSFERS,
    logged: c.logged,
    /** First-contact resolution: the call was logged as resolved during the call. */
    resolved: c.logged && c.outcome === 'resolved',
    /** Seed 000 §3.5: every item of the conduct checklist ticked. */
    conductOk: c.logged && c.checklist.length > 0 && c.checklist.every((v) => v === 1),
  };
}

/** What the checklist recorded on a sent reply (interactions.meta of an outbound reply). */
export function replyStyle(metaJson: string | null) {
  let meta: { style?: { score?: number; warn?: number }; overrides?: unknown[] } = {};
  try {
    meta = metaJson ? (JSON.parse(metaJson) as typeof meta) : {};
  } catch {
    meta = {};
  }
  const overrides = Array.isArray(meta.overrides) ? meta.overrides.length : 0;
  const styled = meta.style != null && typeof meta.style.score === 'number';
  return {
    styled,
    overrides,
    /** Passed the checklist as written: no warning left and no block finding overridden. */
    firstPass: styled && overrides === 0 && (meta.style?.warn ?? 0) === 0,
  };
}

/**
 * Whether a reply was written from a template: a template was inserted for the appeal after its
 * previous reply (or its creation) and not later than this reply.
 */
export function usedTemplate(
  replyAt: string,
  previousReplyAt: string | null,
  usages: readonly string[],
): boolean {
  const to = Date.parse(replyAt);
  const from = previousReplyAt ? Date.parse(previousReplyAt) : -Infinity;
  return usages.some((u) => {
    const t = Date.parse(u);
    return t > from && t <= to;
  });
}

/** A survey answer: its rating counts in the mean, 4–5 count as satisfied. */
export function ratingFigures(rating: number | null, resolved: number | null) {
  const valid = rating != null && rating >= 1 && rating <= 5;
  return {
    rated: valid,
    rating: valid ? rating : 0,
    good: valid && rating >= 4,
    resolvedAsked: resolved != null,
    resolvedYes: resolved === 1,
  };
}
