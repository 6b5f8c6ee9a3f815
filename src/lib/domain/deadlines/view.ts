/** What the «Сроки» block of an appeal shows; shared by the server loader and the component. */

/**
 * An automatic decision made on arrival, kept with its reason so the appeal can show it
 * (issue 10: every automatic decision is visible with its reason). `reason` is an i18n key
 * under `deadlines.reason.*`; `params` fill it.
 */
export interface Decision {
  kind: 'topic' | 'mood' | 'priority' | 'policy' | 'route' | 'messageKind';
  value: string | number | null;
  reason: string;
  params: Record<string, string | number>;
}

export interface DeadlineTarget {
  kind: 'ack' | 'first' | 'answer' | 'forward';
  dueAt: string;
  doneAt: string | null;
}

export interface AppealDeadlinesData {
  appealId: number;
  now: string;
  policy: { name: string; basis: string; extensionDays: number | null } | null;
  targets: DeadlineTarget[];
  pausedSince: string | null;
  pausedMs: number;
  extension: { days: number; reason: string | null; at: string | null } | null;
  forwarded: { to: string; at: string } | null;
  disposition: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  overMs: number | null;
  decisions: Decision[];
  processId: number | null;
  processes: { id: number; name: string }[];
  dispositions: readonly string[];
  /** 8-FZ: the extension is a deferral, announced until this instant. */
  deferral: { until: string | null } | null;
  messageKind: string | null;
}
