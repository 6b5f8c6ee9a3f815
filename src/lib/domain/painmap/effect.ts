/**
 * The effect of an improvement action (issue 12: «whose effect shows in the next period's
 * figures»): the pain point's figures before the action and since it was created, as rates so that
 * windows of different length compare.
 */

export interface WindowCounts {
  /** Appeals at this touchpoint × process created in the window. */
  appeals: number;
  /** Pain map signals of every kind in the window. */
  signals: number;
  /** Repeat contacts among those appeals. */
  repeats: number;
  /** Ratings given in the window (all of them, not only the low ones). */
  ratings: readonly number[];
}

export interface WindowFigures {
  appeals: number;
  /** Signals per 100 appeals, 0.1 precision; null with no appeals. */
  signalsPer100: number | null;
  /** Mean rating, 0.01 precision; null with no ratings. */
  meanRating: number | null;
  ratings: number;
  /** Repeat contacts as a share of appeals, 0.001 precision; null with no appeals. */
  repeatShare: number | null;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function windowFigures(c: WindowCounts): WindowFigures {
  return {
    appeals: c.appeals,
    signalsPer100: c.appeals ? round((c.signals / c.appeals) * 100, 1) : null,
    meanRating: c.ratings.length
      ? round(c.ratings.reduce((a, b) => a + b, 0) / c.ratings.length, 2)
      : null,
    ratings: c.ratings.length,
    repeatShare: c.appeals ? round(c.repeats / c.appeals, 3) : null,
  };
}

export type Trend = 'better' | 'worse' | 'same' | 'unknown';

/** Fewer signals and repeats and a higher rating are better; unknown when a side has no data. */
export function trend(before: number | null, since: number | null, higherIsBetter: boolean): Trend {
  if (before == null || since == null) return 'unknown';
  if (before === since) return 'same';
  return since > before === higherIsBetter ? 'better' : 'worse';
}

export interface ActionEffect {
  before: WindowFigures;
  since: WindowFigures;
  trend: { signals: Trend; rating: Trend; repeats: Trend };
}

export function actionEffect(before: WindowCounts, since: WindowCounts): ActionEffect {
  const b = windowFigures(before);
  const s = windowFigures(since);
  return {
    before: b,
    since: s,
    trend: {
      signals: trend(b.signalsPer100, s.signalsPer100, false),
      rating: trend(b.meanRating, s.meanRating, true),
      repeats: trend(b.repeatShare, s.repeatShare, false),
    },
  };
}

/** The action's status lifecycle; «done» records when it was finished. */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export function isActionStatus(v: unknown): v is ActionStatus {
  return typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v);
}
