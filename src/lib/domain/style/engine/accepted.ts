import { wordKey } from '../text/normalize';
import { stem } from '../text/stem';

/**
 * Glossary and accepted words. `has` is an exact match (abbreviations); `covers` also accepts
 * other forms of a word: its stem begins the form («Госуслуги» covers «Госуслугах»).
 */
export class AcceptedWords {
  private keys = new Set<string>();
  private stems: string[] = [];

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const key = wordKey(w);
      this.keys.add(key);
      const s = stem(key);
      if (s.length >= 4) this.stems.push(s);
    }
  }

  has(word: string): boolean {
    return this.keys.has(wordKey(word));
  }

  covers(word: string): boolean {
    const key = wordKey(word);
    return this.keys.has(key) || this.stems.some((s) => key.startsWith(s));
  }
}
