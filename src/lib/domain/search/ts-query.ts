import { queryTerms } from './query-words';

/**
 * Text for PostgreSQL's `to_tsquery('russian', …)`, which stems each word itself: every word must
 * match, the last one as a prefix unless `prefix` is false. Words are letters and digits only, so
 * the text is always valid tsquery syntax. Null when there is nothing to search.
 */
export function tsQuery(userQuery: string, prefix = true): string | null {
  const terms = queryTerms(userQuery);
  if (!terms.length) return null;
  const words = terms.flat();
  return words.map((w, i) => (prefix && i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}
