/**
 * Signals of the pain map (карта боли, seed 003 §3.5: «на основе отсортированных и распределённых
 * отзывов»): the negative feedback one pain point is made of. Pure: the service reads the rows and
 * these rules decide what counts.
 */

export type SignalKind = 'survey' | 'complaint' | 'repeat';
export const SIGNAL_KINDS: readonly SignalKind[] = ['survey', 'complaint', 'repeat'];

export interface Signal {
  kind: SignalKind;
  touchpointId: number;
  processId: number | null;
  /**
   * Who was affected, only to count distinct clients: `c:<client id>` when the signal comes from an
   * appeal, `r:<response id>` for an answer to a published questionnaire (nobody else is that person).
   * Never shown (seed 003 §3.3: surveys as anonymous as possible).
   */
  clientKey: string;
  /** The appeal behind a complaint or a repeat contact, linked as an example; null for survey answers. */
  appealId: number | null;
  at: string;
  /** 1 mild … 3 severe, see `SEVERITY`. */
  severity: number;
  /** Survey answers only: what the client said, shown without identity. */
  rating?: number | null;
  resolved?: number | null;
  comment?: string | null;
}

/**
 * How bad one signal is (seed 003 §3.6, first factor: «воздействие болевой точки на процесс»):
 * a rating of 1 or an answer that is both low and «не решён» is the worst; a complaint or a rating of 2
 * or «вопрос не решён» is bad; a repeat contact (seed 000 §3.5: «чтобы клиенту не пришлось обращаться
 * повторно») is the mildest, as the client may only be asking again.
 */
export const SEVERITY = {
  ratingOne: 3,
  lowAndUnresolved: 3,
  ratingTwo: 2,
  unresolved: 2,
  complaint: 2,
  repeat: 1,
} as const;

/** A survey answer is negative when rated 1–2 or the question was not resolved (issue 12). */
export const NEGATIVE_RATING_MAX = 2;

export interface SurveyAnswer {
  rating: number | null;
  resolved: number | null;
}

/** The severity of a survey answer, or null when the answer is not negative. */
export function surveySeverity(a: SurveyAnswer): number | null {
  const low = a.rating != null && a.rating <= NEGATIVE_RATING_MAX;
  const unresolved = a.resolved === 0;
  if (low && unresolved) return SEVERITY.lowAndUnresolved;
  if (a.rating === 1) return SEVERITY.ratingOne;
  if (low) return SEVERITY.ratingTwo;
  if (unresolved) return SEVERITY.unresolved;
  return null;
}

/**
 * Word stems that make a subject or a process a complaint (жалоба, обжалование, претензия).
 * Data, not logic: the SQL prefilter and this check both use it.
 */
export const COMPLAINT_STEMS = ['жалоб', 'обжал', 'претензи'] as const;

export function isComplaintTopic(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = text.toLowerCase();
  return COMPLAINT_STEMS.some((s) => t.includes(s));
}

/** The days within which a second appeal of one client about one process is a repeat (seed 000 §3.5). */
export const REPEAT_WINDOW_DAYS = 7;
const DAY = 86_400_000;

export interface AppealFact {
  id: number;
  clientId: number;
  touchpointId: number;
  processId: number | null;
  createdAt: string;
}

/**
 * Appeals that repeat an earlier one: the same client about the same process within the window
 * after that client's previous appeal on it (the previous one may lie before the period, so pass
 * appeals from `window` days earlier). Appeals with no process are never repeats: we cannot tell.
 */
export function findRepeats(
  appeals: readonly AppealFact[],
  windowDays: number = REPEAT_WINDOW_DAYS,
): AppealFact[] {
  const byClientProcess = new Map<string, AppealFact[]>();
  for (const a of appeals) {
    if (a.processId == null) continue;
    const k = `${a.clientId}:${a.processId}`;
    const list = byClientProcess.get(k);
    if (list) list.push(a);
    else byClientProcess.set(k, [a]);
  }
  const repeats: AppealFact[] = [];
  for (const list of byClientProcess.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    for (let i = 1; i < list.length; i++) {
      const gap = Date.parse(list[i]!.createdAt) - Date.parse(list[i - 1]!.createdAt);
      if (gap <= windowDays * DAY) repeats.push(list[i]!);
    }
  }
  return repeats.sort((a, b) => a.id - b.id);
}
