import { wordKey } from './normalize';

export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  index: number;
  text: string;
  /** Lower case, «ё» as «е». */
  key: string;
  kind: 'word' | 'number';
  latin: boolean;
}

const TOKEN = /\p{L}+(?:[-‐]\p{L}+)*|\d+(?:[.,:]\d+)*/gu;
const LATIN = /^[A-Za-z-]+$/;

/** Addresses and e-mails: their dots and letters are not prose. */
const ADDRESS =
  /(?<![\p{L}\p{N}@.])(?:(?:https?:\/\/|www\.)[^\s<>«»"]+|[\p{L}\p{N}._+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:ru|рф|su|com|org|net|gov|online)(?![\p{L}\p{N}])(?:\/[^\s<>«»"]*)?)/giu;

export function findAddresses(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(ADDRESS)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?)\]]/.test(text[end - 1]!)) end--;
    spans.push({ start: m.index, end });
  }
  return spans;
}

export function insideAny(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

/** Words and numbers outside `masked` spans, with their offsets. */
export function tokenize(text: string, masked: readonly Span[]): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (insideAny(masked, start, end)) continue;
    const kind = /^\d/.test(m[0]) ? 'number' : 'word';
    tokens.push({
      index: tokens.length,
      start,
      end,
      text: m[0],
      key: wordKey(m[0]),
      kind,
      latin: kind === 'word' && LATIN.test(m[0]),
    });
  }
  return tokens;
}
