import type { Span, Token } from './tokens';

export interface Sentence extends Span {
  /** Index of the first token and one past the last. */
  from: number;
  to: number;
}

/** Short forms after which a full stop does not end a sentence: «т. е.», «г. Курск», «ул.». */
const SHORT_FORMS = new Set(
  'т е д г гг ул им стр см др пр тел руб коп млн млрд тыс обл р п пп с ст ч мин кв корп пос каб напр рис табл гл чел шт н тт'.split(
    ' ',
  ),
);

const LIST_MARKER = /^[ \t]*(?:[-–—•*]\s|\d+[.)]\s)/;

function lineBreakEnds(text: string, at: number): boolean {
  const before = text.slice(0, at).trimEnd();
  const after = text.slice(at + 1);
  if (/^[ \t\r]*\n/.test(after)) return true;
  if (/[.!?…:;]$/.test(before) || !before) return true;
  return LIST_MARKER.test(after);
}

function stopEnds(text: string, dot: number, next: number): boolean {
  const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1];
  if (text[dot] === '.' && word) {
    if (SHORT_FORMS.has(word.toLowerCase())) return false;
    if (word.length === 1 && word === word.toUpperCase()) return false;
  }
  const rest = text.slice(next).replace(/^[ \t]+/, '');
  return !rest || /^[\p{Lu}\d«"„(\-–—\n]/u.test(rest);
}

/** Sentence boundaries: end punctuation before a capital, and line breaks that are not wraps. */
export function sentenceBreaks(text: string): number[] {
  const breaks: number[] = [];
  for (const m of text.matchAll(/[.!?…]+["»)]*(?=\s|$)|\n/g)) {
    const end = m.index + m[0].length;
    if (m[0] === '\n' ? lineBreakEnds(text, m.index) : stopEnds(text, m.index, end)) {
      breaks.push(end);
    }
  }
  return breaks;
}

export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  let from = 0;
  for (const cut of [...sentenceBreaks(text), text.length]) {
    let to = from;
    while (to < tokens.length && tokens[to]!.start < cut) to++;
    if (to > from)
      sentences.push({ start: Math.max(start, tokens[from]!.start), end: cut, from, to });
    from = to;
    start = cut;
  }
  for (const s of sentences) {
    while (s.end > s.start && /\s/.test(text[s.end - 1]!)) s.end--;
  }
  return sentences;
}

/** Paragraphs: separated by a blank line, or by a line break after the end of a sentence. */
export function splitParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n/g)) {
    const before = text.slice(start, m.index).trimEnd();
    const blank = /^[ \t\r]*\n/.test(text.slice(m.index + 1));
    if (blank || /[.!?…]["»)]*$/.test(before)) {
      if (before.trim()) spans.push({ start, end: start + before.length });
      start = m.index + 1;
    }
  }
  const last = text.slice(start).trimEnd();
  if (last.trim()) spans.push({ start, end: start + last.length });
  return spans.map((s) => {
    const lead = text.slice(s.start, s.end).search(/\S/);
    return { start: s.start + Math.max(0, lead), end: s.end };
  });
}
