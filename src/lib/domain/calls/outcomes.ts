/**
 * How a call ends (issue «Phone channel»): resolved during the call — the appeal is created closed;
 * follow-up — the appeal stays open with an owner and a deadline; callback — the owner is
 * reminded in their callbacks queue at the agreed time.
 */
export const OUTCOMES = ['resolved', 'follow_up', 'callback'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

export interface OutcomeInput {
  outcome: Outcome;
  /** Follow-up: when the answer is due. */
  dueAt?: string | null;
  /** Callback: when to call the client back. */
  callbackAt?: string | null;
}

/** The message key of what is wrong with the outcome's fields, or null when they are complete. */
export function outcomeProblem(input: OutcomeInput, now: Date): string | null {
  if (input.outcome === 'follow_up') {
    if (!input.dueAt) return 'calls.dueRequired';
    if (Date.parse(input.dueAt) <= now.getTime()) return 'calls.dueInPast';
  }
  if (input.outcome === 'callback') {
    if (!input.callbackAt) return 'calls.callbackRequired';
    if (Date.parse(input.callbackAt) < now.getTime() - 60_000) return 'calls.callbackInPast';
  }
  return null;
}

/** The appeal's status once the call is logged. */
export function appealStatusAfter(outcome: Outcome): 'closed' | 'open' {
  return outcome === 'resolved' ? 'closed' : 'open';
}

/** Whether a callback is in its owner's «call back now» list. */
export function callbackDue(callbackAt: string, now: Date): boolean {
  return Date.parse(callbackAt) <= now.getTime();
}
