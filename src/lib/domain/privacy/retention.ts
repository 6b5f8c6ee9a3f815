/**
 * 152-FZ art. 5 p. 7: personal data is kept no longer than its purpose requires. Appeals closed
 * longer ago than the retention period lose everything that names or describes a person; numbers,
 * dates, touchpoint, process, unit, status and checklist scores stay, so metrics keep their values.
 */

export const RETENTION_YEARS_MIN = 1;
export const RETENTION_YEARS_MAX = 75;
export const DEFAULT_RETENTION_YEARS = 5;

/** What replaces a removed text. Russian, as the console and every export show it. */
export const ANON_TEXT = '[удалено по истечении срока хранения]';
export const ANON_NAME = 'Обезличено';
export const ANON_FILE = 'удалённый-файл';

/** Appeals closed before this instant are past their retention period at `now`. */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

export function validRetentionYears(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) return null;
  return n >= RETENTION_YEARS_MIN && n <= RETENTION_YEARS_MAX ? n : null;
}

/** Keys of interactions.meta that never hold personal data and that metrics and the timeline read. */
const SAFE_META_KEYS = new Set([
  'style',
  'form',
  'language',
  'via',
  'reason',
  'outboxId',
  'interactionId',
  'kind',
  'channel',
  'durationSec',
  'outcome',
]);
const STATUS_LIKE = /^[a-z_]{1,40}$/;

/**
 * The part of an interaction's meta that can stay after anonymisation: listed keys whose values
 * are numbers, booleans, code-like words or (for `style`) objects of numbers; `from`/`to` only as
 * status codes (on e-mail they are addresses). Everything else goes.
 */
export function scrubMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'from' || key === 'to') {
      if (typeof value === 'string' && STATUS_LIKE.test(value)) kept[key] = value;
      continue;
    }
    if (!SAFE_META_KEYS.has(key)) continue;
    if (typeof value === 'number' || typeof value === 'boolean' || value === null)
      kept[key] = value;
    else if (typeof value === 'string' && STATUS_LIKE.test(value)) kept[key] = value;
    else if (key === 'style' && value && typeof value === 'object' && !Array.isArray(value)) {
      kept[key] = Object.fromEntries(
        Object.entries(value).filter(([, v]) => typeof v === 'number'),
      );
    }
  }
  kept.anonymized = true;
  return kept;
}

/** Survey answers without free text: ratings, yes/no and choices stay, written answers go. */
export function scrubAnswers(
  answers: Record<string, unknown>,
  textKeys: ReadonlySet<string>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers).map(([k, v]) => [k, textKeys.has(k) && v != null ? ANON_TEXT : v]),
  );
}
