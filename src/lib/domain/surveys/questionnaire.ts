/**
 * Questionnaires (seed 003 §3, annex): a list of questions an editor configures. Pure rules: the
 * shape of a questionnaire, and whether an answer fits it.
 */

export const QUESTION_KINDS = ['rating', 'yesno', 'choice', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Question {
  /** Stable name of the answer in stored JSON: latin letters, digits, «_». */
  key: string;
  kind: QuestionKind;
  label: string;
  /** A longer explanation under the label (scale meaning, «one answer»). */
  hint?: string;
  /** Choice only: the options offered. */
  options?: string[];
  /** Choice only: several options may be picked. */
  multiple?: boolean;
  /** Choice only: an «other (specify)» text box goes with the last option. */
  other?: boolean;
  required: boolean;
  /** Rating only: what 1 and 5 mean. */
  low?: string;
  high?: string;
}

export type QuestionnaireKind = 'reply' | 'public';

/** The reply survey always asks these (issue 12: satisfaction 1–5, resolved, optional comment). */
export const REPLY_KEYS = { rating: 'rating', resolved: 'resolved', comment: 'comment' } as const;

export const LIMITS = {
  questions: 40,
  options: 20,
  label: 500,
  option: 200,
  title: 200,
  intro: 2000,
} as const;

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** C0/C1 controls except tab and line feed, zero-width and direction-override characters. */
/* eslint-disable no-control-regex */
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/* eslint-enable no-control-regex */

/** Control characters other than line breaks and tabs are dropped; line breaks become LF. */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

export interface Problem {
  /** The question key, or a field of the questionnaire (title, questions). */
  field: string;
  /** i18n key. */
  message: string;
  params?: Record<string, string | number>;
}

/** Questions as stored (JSON text); anything malformed is dropped rather than crashing a page. */
export function parseQuestions(json: string): Question[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (q): q is Question =>
      !!q &&
      typeof q === 'object' &&
      typeof q.key === 'string' &&
      typeof q.label === 'string' &&
      (QUESTION_KINDS as readonly string[]).includes(q.kind),
  );
}

/** What an editor may save: unique keys, labels, options for choices, the reply survey's core. */
export function questionnaireProblems(q: {
  kind: QuestionnaireKind;
  title: string;
  intro: string;
  questions: Question[];
}): Problem[] {
  const problems: Problem[] = [];
  if (!q.title.trim()) problems.push({ field: 'title', message: 'surveys.edit.titleRequired' });
  if (q.title.length > LIMITS.title || q.intro.length > LIMITS.intro) {
    problems.push({ field: 'title', message: 'surveys.edit.tooLong' });
  }
  if (!q.questions.length) {
    problems.push({ field: 'questions', message: 'surveys.edit.noQuestions' });
  }
  if (q.questions.length > LIMITS.questions) {
    problems.push({
      field: 'questions',
      message: 'surveys.edit.tooMany',
      params: { max: LIMITS.questions },
    });
  }
  const seen = new Set<string>();
  for (const question of q.questions) {
    const field = question.key || '?';
    if (!KEY.test(question.key)) {
      problems.push({ field, message: 'surveys.edit.badKey', params: { key: question.key } });
    } else if (seen.has(question.key)) {
      problems.push({ field, message: 'surveys.edit.duplicateKey', params: { key: question.key } });
    }
    seen.add(question.key);
    if (!question.label.trim() || question.label.length > LIMITS.label) {
      problems.push({ field, message: 'surveys.edit.badLabel', params: { key: question.key } });
    }
    if (question.kind === 'choice') {
      const options = question.options ?? [];
      if (options.length < 2 || options.length > LIMITS.options) {
        problems.push({
          field,
          message: 'surveys.edit.optionsCount',
          params: { key: question.key },
        });
      }
      if (options.some((o) => !o.trim() || o.length > LIMITS.option)) {
        problems.push({ field, message: 'surveys.edit.badOption', params: { key: question.key } });
      }
      if (new Set(options).size !== options.length) {
        problems.push({ field, message: 'surveys.edit.badOption', params: { key: question.key } });
      }
    }
  }
  if (q.kind === 'reply') {
    const find = (key: string) => q.questions.find((x) => x.key === key);
    const rating = find(REPLY_KEYS.rating);
    const resolved = find(REPLY_KEYS.resolved);
    if (rating?.kind !== 'rating' || !rating.required) {
      problems.push({ field: 'questions', message: 'surveys.edit.replyRating' });
    }
    if (resolved?.kind !== 'yesno') {
      problems.push({ field: 'questions', message: 'surveys.edit.replyResolved' });
    }
    const comment = find(REPLY_KEYS.comment);
    if (comment && comment.kind !== 'text') {
      problems.push({ field: 'questions', message: 'surveys.edit.replyComment' });
    }
  }
  return problems;
}

export type AnswerValue = number | string | string[] | boolean | null;
export type Answers = Record<string, AnswerValue>;

/** Raw form input: a field name maps to every value submitted under it. */
export type RawAnswers = Record<string, string[]>;

export interface Validated {
  answers: Answers;
  /** The reply survey's columns: satisfaction, resolved, comment. */
  rating: number | null;
  resolved: number | null;
  comment: string | null;
}

/**
 * Checks a respondent's answer against the questionnaire: each required question answered, ratings
 * 1–5, yes/no, choices among the options, texts stripped of control characters and within the
 * limit. Field names are the question keys; an «other» text goes under `<key>__other`.
 */
export function validateAnswers(
  questions: Question[],
  raw: RawAnswers,
  textMax: number,
): { ok: true; value: Validated } | { ok: false; problems: Problem[] } {
  const answers: Answers = {};
  const problems: Problem[] = [];
  const first = (key: string) => (raw[key] ?? []).map((v) => v.trim()).find((v) => v !== '');
  for (const q of questions) {
    const missing = () =>
      q.required && problems.push({ field: q.key, message: 'surveys.answer.required' });
    if (q.kind === 'rating') {
      const v = first(q.key);
      if (v === undefined) {
        missing();
        answers[q.key] = null;
      } else if (!/^[1-5]$/.test(v)) {
        problems.push({ field: q.key, message: 'surveys.answer.rating' });
      } else answers[q.key] = Number(v);
    } else if (q.kind === 'yesno') {
      const v = first(q.key);
      if (v === undefined) {
        missing();
        answers[q.key] = null;
      } else if (v !== 'yes' && v !== 'no') {
        problems.push({ field: q.key, message: 'surveys.answer.yesno' });
      } else answers[q.key] = v === 'yes';
    } else if (q.kind === 'choice') {
      const options = q.options ?? [];
      const picked = [...new Set((raw[q.key] ?? []).map((v) => v.trim()).filter(Boolean))];
      if (picked.some((p) => !options.includes(p)) || (!q.multiple && picked.length > 1)) {
        problems.push({ field: q.key, message: 'surveys.answer.choice' });
        continue;
      }
      if (!picked.length) missing();
      answers[q.key] = q.multiple ? picked : (picked[0] ?? null);
      if (q.other && picked.includes(options[options.length - 1]!)) {
        const other = plainText((raw[`${q.key}__other`] ?? [])[0] ?? '');
        if (other.length > textMax) {
          problems.push({
            field: q.key,
            message: 'surveys.answer.tooLong',
            params: { max: textMax },
          });
        } else if (other) answers[`${q.key}__other`] = other;
      }
    } else {
      const v = plainText((raw[q.key] ?? [])[0] ?? '');
      if (v.length > textMax) {
        problems.push({
          field: q.key,
          message: 'surveys.answer.tooLong',
          params: { max: textMax },
        });
      } else if (!v) {
        missing();
        answers[q.key] = null;
      } else answers[q.key] = v;
    }
  }
  if (problems.length) return { ok: false, problems };
  const rating = answers[REPLY_KEYS.rating];
  const resolved = answers[REPLY_KEYS.resolved];
  const comment = answers[REPLY_KEYS.comment];
  return {
    ok: true,
    value: {
      answers,
      rating: typeof rating === 'number' ? rating : null,
      resolved: typeof resolved === 'boolean' ? (resolved ? 1 : 0) : null,
      comment: typeof comment === 'string' ? comment : null,
    },
  };
}

/** Stored answers back as form values, to show a saved answer for editing. */
export function answersToRaw(questions: Question[], answers: Answers): RawAnswers {
  const raw: RawAnswers = {};
  for (const q of questions) {
    const v = answers[q.key];
    if (v == null) continue;
    if (typeof v === 'boolean') raw[q.key] = [v ? 'yes' : 'no'];
    else if (Array.isArray(v)) raw[q.key] = v;
    else raw[q.key] = [String(v)];
    const other = answers[`${q.key}__other`];
    if (typeof other === 'string') raw[`${q.key}__other`] = [other];
  }
  return raw;
}
