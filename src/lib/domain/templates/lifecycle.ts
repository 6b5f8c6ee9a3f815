/** Knowledge-base entries (seed 000 §3.4 з, seed 001 §3.2.5–3.2.6, seed 004 §9–10). */
/** `notice`: what a disposition, an extension or a deferral tells the client (issue 10). */
export const TEMPLATE_KINDS = ['reply', 'script', 'guide', 'notice'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TRANSITIONS = ['submit', 'return', 'publish', 'archive', 'restore'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export function isKind(value: string): value is TemplateKind {
  return (TEMPLATE_KINDS as readonly string[]).includes(value);
}

export function isTransition(value: string): value is Transition {
  return (TRANSITIONS as readonly string[]).includes(value);
}

/**
 * Draft → review → published (issue 9). A published template stays in use while its next version
 * is drafted and reviewed; archiving withdraws it, restoring brings it back as a draft.
 */
const MOVES: Record<Transition, { from: readonly TemplateStatus[]; to: TemplateStatus }> = {
  submit: { from: ['draft'], to: 'review' },
  return: { from: ['review'], to: 'draft' },
  publish: { from: ['review'], to: 'published' },
  archive: { from: ['draft', 'review', 'published'], to: 'archived' },
  restore: { from: ['archived'], to: 'draft' },
};

export interface TemplateState {
  /** What operators see: `published` while any version is in use. */
  status: TemplateStatus;
  /** The status of the newest version when it is newer than the published one. */
  pending: 'draft' | 'review' | null;
}

/** The status a transition acts on: the pending revision's, if there is one. */
export function workingStatus(state: TemplateState): TemplateStatus {
  return state.pending ?? state.status;
}

export function canApply(state: TemplateState, move: Transition): boolean {
  const on = move === 'archive' || move === 'restore' ? state.status : workingStatus(state);
  return MOVES[move].from.includes(on);
}

export function targetOf(move: Transition): TemplateStatus {
  return MOVES[move].to;
}

export function allowedTransitions(state: TemplateState): Transition[] {
  return TRANSITIONS.filter((t) => canApply(state, t));
}

/** Which checks a kind must pass to be published. Guidance quotes bad examples on purpose. */
export function publishChecks(kind: TemplateKind): { fragment: boolean; whole: boolean } {
  // A notice goes to the client as a reply does: greeting by name, survey link, plain words.
  if (kind === 'reply' || kind === 'notice') return { fragment: true, whole: true };
  if (kind === 'script') return { fragment: true, whole: false };
  return { fragment: false, whole: false };
}
