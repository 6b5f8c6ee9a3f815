import type { Morphology, WordInfo } from '../morphology/morphology';
import { wordKey } from '../text/normalize';
import { stem } from '../text/stem';
import type { Token } from '../text/tokens';
import type { TextModel } from './context';

/** One word of a list entry (see rule-schema.ts for the notation). */
type Element =
  | { kind: 'exact'; key: string }
  | { kind: 'lemma'; lemmas: ReadonlySet<string>; pos?: string; key: string }
  | { kind: 'stem'; stem: string; key: string }
  | { kind: 'slot'; pos: ReadonlySet<string>; agree: boolean };

export interface Phrase<T> {
  source: string;
  elements: Element[];
  /** Punctuation expected between element i and i+1, whitespace removed. */
  gaps: string[];
  data: T;
}

export interface PhraseMatch<T> {
  phrase: Phrase<T>;
  start: number;
  end: number;
  tokens: Token[];
  /** The tokens that are underlined: all but placeholders. */
  shown: Token[];
}

const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct', 'voct', 'gen2', 'acc2', 'loc2'];

function compileWord(word: string, morph: Morphology): Element {
  const slot = /^\[([A-Z|]+)(~?)\]$/.exec(word);
  if (slot) return { kind: 'slot', pos: new Set(slot[1]!.split('|')), agree: slot[2] === '~' };
  if (word.startsWith('=')) return { kind: 'exact', key: wordKey(word.slice(1)) };
  const [surface = '', pos] = word.split('/');
  const key = wordKey(surface);
  const info = morph.analyze(surface);
  if (!info.known) return { kind: 'stem', stem: stem(key), key };
  const lemmas = info.lemmas.has(key) ? new Set([key]) : info.lemmas;
  return { kind: 'lemma', lemmas, pos, key };
}

export function compilePhrase<T>(source: string, data: T, morph: Morphology): Phrase<T> {
  const parts = source.trim().split(/\s+|(?=[,:;])/);
  const elements: Element[] = [];
  const gaps: string[] = [];
  let pending = '';
  for (const part of parts) {
    const word = part.replace(/^[,:;]+/, '');
    pending += part.slice(0, part.length - word.length);
    if (!word) continue;
    if (elements.length) gaps.push(pending);
    pending = '';
    elements.push(compileWord(word, morph));
  }
  if (elements[0]?.kind === 'slot') throw new Error(`entry "${source}" starts with a placeholder`);
  return { source, elements, gaps, data };
}

/** The keys under which a token can start a phrase. */
function tokenKeys(token: Token, info: WordInfo): string[] {
  const keys = [token.key, ...info.lemmas];
  if (!info.known) keys.push(`stem:${stem(token.key)}`);
  return keys;
}

function elementKeys(el: Element): string[] {
  if (el.kind === 'exact') return [el.key];
  if (el.kind === 'lemma') return [...el.lemmas, el.key];
  if (el.kind === 'stem') return [`stem:${el.stem}`, el.key];
  return [];
}

function agrees(prev: WordInfo, cur: WordInfo, pos: ReadonlySet<string>): boolean {
  return cur.parses.some(
    (c) =>
      pos.has(c.pos) &&
      prev.parses.some(
        (p) =>
          CASES.some((k) => p.grammemes.has(k) && c.grammemes.has(k)) &&
          ((p.grammemes.has('plur') && c.grammemes.has('plur')) ||
            (p.grammemes.has('sing') && c.grammemes.has('sing'))),
      ),
  );
}

function matches(el: Element, token: Token, info: WordInfo, prev?: WordInfo): boolean {
  if (token.kind !== 'word') return false;
  switch (el.kind) {
    case 'exact':
      return token.key === el.key;
    case 'stem':
      return token.key === el.key || (!info.known && stem(token.key) === el.stem);
    case 'lemma':
      if (token.key === el.key && !el.pos) return true;
      if (!el.pos && [...info.lemmas].some((l) => el.lemmas.has(l))) return true;
      return info.parses.some(
        (p) => el.lemmas.has(p.lemma) && (!el.pos || p.pos === el.pos || p.grammemes.has(el.pos)),
      );
    case 'slot':
      if (el.agree && prev) return agrees(prev, info, el.pos);
      return info.parses.some((p) => el.pos.has(p.pos));
  }
}

export class PhraseIndex<T> {
  private byKey = new Map<string, Phrase<T>[]>();

  constructor(phrases: Phrase<T>[]) {
    for (const phrase of phrases) {
      for (const key of new Set(elementKeys(phrase.elements[0]!))) {
        const list = this.byKey.get(key) ?? [];
        list.push(phrase);
        this.byKey.set(key, list);
      }
    }
  }

  /** Every match, longest first at each start, without overlaps. */
  find(doc: TextModel, info: (t: Token) => WordInfo): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    let busyUntil = -1;
    for (const token of doc.tokens) {
      if (token.start < busyUntil || token.kind !== 'word') continue;
      const candidates = new Set<Phrase<T>>();
      for (const key of tokenKeys(token, info(token))) {
        for (const p of this.byKey.get(key) ?? []) candidates.add(p);
      }
      let best: PhraseMatch<T> | undefined;
      for (const phrase of candidates) {
        const m = matchAt(phrase, doc, token.index, info);
        if (m && (!best || m.tokens.length > best.tokens.length)) best = m;
      }
      if (best) {
        found.push(best);
        busyUntil = best.end;
      }
    }
    return found;
  }
}

function matchAt<T>(
  phrase: Phrase<T>,
  doc: TextModel,
  at: number,
  info: (t: Token) => WordInfo,
): PhraseMatch<T> | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < phrase.elements.length; i++) {
    const token = doc.tokens[at + i];
    if (!token) return undefined;
    const prev = tokens.at(-1);
    if (prev) {
      const gap = doc.text.slice(prev.end, token.start);
      if (gap.replace(/\s+/g, '') !== phrase.gaps[i - 1]) return undefined;
      if (/\n\s*\n/.test(gap)) return undefined;
    }
    if (!matches(phrase.elements[i]!, token, info(token), prev && info(prev))) return undefined;
    tokens.push(token);
  }
  const shown = tokens.filter((_, i) => phrase.elements[i]!.kind !== 'slot');
  return { phrase, tokens, shown, start: shown[0]!.start, end: shown.at(-1)!.end };
}
