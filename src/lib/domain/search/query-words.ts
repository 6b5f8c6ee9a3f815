import { emailToken, isEmailQuery } from './email';
import { queryPhone } from './phone';
import { searchWords } from './tokens';

/** Words that make a query long enough; the rest of a pasted paragraph is ignored. */
export const MAX_QUERY_TERMS = 10;

/**
 * The user's query as terms: one per space-separated chunk, each the list of words the chunk
 * holds («2026-000123» → ["2026", "000123"]; an e-mail address is one word, see `emailToken`). Quotes,
 * operators and brackets are not letters, so they never reach a query language.
 */
export function queryTerms(userQuery: string): string[][] {
  const phone = queryPhone(userQuery);
  if (phone) return [[phone]];
  const terms: string[][] = [];
  const seen = new Set<string>();
  for (const chunk of userQuery.split(/\s+/)) {
    const words = isEmailQuery(chunk) ? [emailToken(chunk)].filter(Boolean) : searchWords(chunk);
    const key = words.join(' ');
    if (!words.length || seen.has(key)) continue;
    seen.add(key);
    terms.push(words);
    if (terms.length === MAX_QUERY_TERMS) break;
  }
  return terms;
}
