import { queryTerms } from './query-words';
import { isRussianWord, stemWord } from './tokens';

const phrase = (tokens: readonly string[]) => `"${tokens.join(' ')}"`;

function term(words: readonly string[], prefix: boolean): string {
  const stems = words.map(stemWord);
  if (prefix) return `${phrase(stems)}*`;
  const word = words[0];
  if (words.length === 1 && word && isRussianWord(word) && stems[0] !== word) {
    // «Иванов» stems to «иван» but «Иванова» to «иванов»: the word as typed finds both.
    return `(${phrase(stems)} OR ${phrase(words)})`;
  }
  return phrase(stems);
}

/**
 * An FTS5 MATCH expression for the stemmed `appeal_search` body: every word must match, the last
 * one as a prefix (the user may still be typing it) unless `prefix` is false. Each term is a
 * quoted string of letters and digits, so nothing the user types is read as FTS5 syntax. Null
 * when there is nothing to search.
 */
export function ftsQuery(userQuery: string, prefix = true): string | null {
  const terms = queryTerms(userQuery);
  if (!terms.length) return null;
  return terms.map((words, i) => term(words, prefix && i === terms.length - 1)).join(' AND ');
}
