import { stemmer } from '@orama/stemmers/russian';

const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/**
 * Snowball reads «запись», «подпись», «опись» as reflexive verbs and cuts them to «зап», «подп»,
 * «оп», while their other forms give «запис», «подпис», «опис».
 */
const stemOf = (word: string) => (word.endsWith('пись') ? word.slice(0, -1) : stemmer(word));

/** Snowball Russian stem of a lower-case word with «ё» already folded to «е». */
export function stemRussian(word: string): string {
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = stemOf(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}
