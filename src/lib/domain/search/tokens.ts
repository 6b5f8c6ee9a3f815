import { stemRussian } from './stem';
import { STOP_WORDS } from './stop-words';

const WORD = /[\p{L}\p{Nd}]+/gu;
const RUSSIAN = /^[а-я]+$/;

export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
}

export const isRussianWord = (word: string): boolean => RUSSIAN.test(word);

/** Lower-case words of two or more letters or digits, in order, stop words left out. */
export function searchWords(text: string): string[] {
  const out: string[] = [];
  for (const [word] of normalizeText(text).matchAll(WORD)) {
    if (word.length > 1 && !STOP_WORDS.has(word)) out.push(word);
  }
  return out;
}

/** Russian words stemmed; Latin words, numbers and mixed tokens («2026», «ivanov») as they are. */
export function stemWord(word: string): string {
  return isRussianWord(word) ? stemRussian(word) : word;
}

export function searchTokens(text: string): string[] {
  return searchWords(text).map(stemWord);
}

/** The stemmed body stored in the SQLite FTS5 table: tokens separated by spaces. */
export function documentText(parts: readonly string[]): string {
  return parts
    .map((p) => searchTokens(p).join(' '))
    .filter(Boolean)
    .join(' ');
}
