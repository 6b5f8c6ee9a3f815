/** The reply checker's vocabulary: categories of issue 8, severities, findings. */

export const CATEGORIES = [
  'spelling',
  'punctuation',
  'jargon',
  'aggression',
  'bureaucratese',
  'foreign',
  'abbreviation',
  'term',
  'long-sentence',
  'complex',
  'negative',
  'consistency',
  'length',
  'greeting',
  'survey-link',
  'structure',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['block', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Categories that judge a whole reply; `--fragment` skips them. */
export const WHOLE_REPLY_CATEGORIES: readonly Category[] = [
  'greeting',
  'survey-link',
  'structure',
  'length',
];

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the checked text, as JavaScript strings count. */
  start: number;
  end: number;
  /** The offending text, `text.slice(start, end)`. */
  text: string;
  message: string;
  suggestion?: string;
  /** The seed clause the rule comes from, e.g. «seed 002 §3.2». */
  clause: string;
}

/** A finding silenced by an inline switch; callers record these in the audit. */
export interface SuppressedFinding extends Finding {
  switchAt: number;
}

export interface CheckResult {
  score: number;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  words: number;
}

export interface CheckOptions {
  /** A fragment (template block, one paragraph): skips whole-reply categories. */
  fragment?: boolean;
  /** The client's first name and patronymic, for the greeting check. */
  clientName?: string;
  /** Profile name; defaults to the general citizen reader. */
  profile?: string;
  /** Address of the satisfaction survey this agency links to (seed 000 §3.4 и). */
  surveyUrl?: string;
}
