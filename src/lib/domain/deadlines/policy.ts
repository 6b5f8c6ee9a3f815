import type { Target } from './arithmetic';

/** Legal bases a policy names (issue 10): 59-FZ appeal, 8-FZ information request, open sources, internal, agency rule. */
export const BASES = ['fz59', 'fz8', 'open_sources', 'internal', 'agency'] as const;
export type Basis = (typeof BASES)[number];

/**
 * What kind of message an appeal is, when that changes its deadline: on social networks and public
 * chats an official appeal or a comment to a post (2 hours) and a mention of the agency (4 hours,
 * seed 001 §3.2.3); an oral request, registered the same day under 8-FZ (art. 18 p. 4).
 */
export const MESSAGE_KINDS = ['appeal', 'comment', 'mention', 'oral'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** The kinds an operator picks when logging a message from a social page or a public chat. */
export const SOCIAL_KINDS = ['appeal', 'comment', 'mention'] as const;
export const SOCIAL_CHANNELS = ['social', 'messenger'] as const;
/** Channels where a request is made by voice. */
export const ORAL_CHANNELS = ['in_person', 'phone'] as const;

/**
 * The kind that selects the policy: the operator's choice on a social page or public chat (an
 * official appeal when not told), an oral request for a call or a visit, none otherwise.
 */
export function messageKindFor(
  channel: string,
  given: string | null | undefined,
  oral = false,
): MessageKind | null {
  if ((SOCIAL_CHANNELS as readonly string[]).includes(channel)) {
    return given && (SOCIAL_KINDS as readonly string[]).includes(given)
      ? (given as MessageKind)
      : 'appeal';
  }
  if (oral || (ORAL_CHANNELS as readonly string[]).includes(channel)) return 'oral';
  return null;
}

/**
 * The longest extension the law allows: 59-FZ art. 12 p. 2 (30 days) and the deferral of 8-FZ
 * art. 18 p. 6 (15 days). A policy may allow less, never more.
 */
export const LEGAL_MAX_EXTENSION: Partial<Record<Basis, number>> = { fz59: 30, fz8: 15 };

export interface PolicyScope {
  channel: string | null;
  touchpointId: number | null;
  processId: number | null;
  segment: string | null;
  messageKind?: string | null;
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
  /** 8-FZ: the deferral is announced within this many days of registration. */
  noticeDays?: number | null;
}

export interface AppealFacts {
  channel: string;
  touchpointId: number;
  processId: number | null;
  segment: string | null;
  messageKind?: string | null;
}

/**
 * A touchpoint is more specific than a process, a process than a segment, a segment than a
 * channel; the message kind refines any of them (a mention on the social channel beats the channel).
 */
const WEIGHT = { touchpointId: 16, processId: 8, segment: 4, channel: 2, messageKind: 1 } as const;

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
    (scope.segment == null || scope.segment === a.segment) &&
    (scope.messageKind == null || scope.messageKind === a.messageKind)
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
