/** What the checker needs to know about one Russian word form. */

export interface WordParse {
  /** Dictionary form, lower case, «ё» written as «е». */
  lemma: string;
  /** OpenCorpora part of speech: NOUN, ADJF, VERB, INFN, PRTF, GRND, PREP… */
  pos: string;
  /** Every other grammeme of the parse: case, number, Name, Patr, Abbr, Slng… */
  grammemes: ReadonlySet<string>;
}

export interface WordInfo {
  /** Found in the dictionary, or a known productive prefix plus a dictionary word. */
  known: boolean;
  parses: readonly WordParse[];
  lemmas: ReadonlySet<string>;
}

export interface Morphology {
  analyze(word: string): WordInfo;
  /** Dictionary words one typo away, best first. */
  suggest(word: string): string[];
  /** `lemma` put in the grammatical form of `like` (case, number, person…), if it can be. */
  inflectLike(lemma: string, like: string): string | undefined;
}

/**
 * The dictionary files the checker loads (OpenCorpora data shipped in npm `az`). Az.js also reads
 * `prediction-suffixes-*.dawg` to guess unknown words; the checker never guesses, so it hands Az.js
 * an empty graph instead and a browser need not download those 2.5 MB.
 */
export const DICTIONARY_FILES = [
  'words.dawg',
  'p_t_given_w.intdawg',
  'grammemes.json',
  'gramtab-opencorpora-int.json',
  'gramtab-opencorpora-ext.json',
  'suffixes.json',
  'paradigms.array',
] as const;
export type DictionaryFile = (typeof DICTIONARY_FILES)[number];

/**
 * Fetches one dictionary file: an ArrayBuffer for binary files, text or ArrayBuffer for JSON.
 * The server reads them from disk, a browser worker fetches them from a static URL.
 */
export type DictionaryLoader = (file: DictionaryFile) => Promise<ArrayBuffer | string>;

export function hasParse(info: WordInfo, pos: string, grammeme?: string): boolean {
  return info.parses.some((p) => p.pos === pos && (!grammeme || p.grammemes.has(grammeme)));
}

export function hasGrammeme(info: WordInfo, grammeme: string): boolean {
  return info.parses.some((p) => p.grammemes.has(grammeme));
}
