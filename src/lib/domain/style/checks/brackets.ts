import type { CompiledRule, Hit } from '../engine/context';
import { insideAny } from '../text/tokens';

const PAIRS: Record<string, string> = { '(': ')', '«': '»', '„': '“', '[': ']' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/** «1)», «а)» at the start of a line are list markers, not closing brackets. */
function listMarker(text: string, at: number): boolean {
  return /(?:^|\n)[ \t]*(?:\d{1,2}|[а-яa-z])$/u.test(text.slice(Math.max(0, at - 6), at));
}

/** Seed 000 §3.5, seed 002 §3.2: no punctuation errors — every bracket and quote is closed. */
export const bracketsRule: CompiledRule = {
  id: 'punctuation.pairs',
  category: 'punctuation',
  severity: 'warn',
  clause: 'seed 000 §3.5; seed 002 §3.2',
  message: 'Непарная скобка или кавычка',
  description: 'Скобки и кавычки парные',
  params: {},
  run(ctx) {
    const { text, masked } = ctx.doc;
    const open: { ch: string; at: number }[] = [];
    const hits: Hit[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (!(ch in PAIRS) && !CLOSERS.has(ch)) continue;
      if (insideAny(masked, i, i + 1)) continue;
      if (ch in PAIRS) {
        open.push({ ch, at: i });
        continue;
      }
      const opener = CLOSERS.get(ch)!;
      const last = open.findLastIndex((o) => o.ch === opener);
      if (last >= 0) open.splice(last, 1);
      else if (!(ch === ')' && listMarker(text, i))) {
        hits.push({ start: i, end: i + 1, message: `Закрывающий знак «${ch}» без открывающего` });
      }
    }
    for (const o of open) {
      hits.push({ start: o.at, end: o.at + 1, message: `Знак «${o.ch}» не закрыт` });
    }
    return hits;
  },
};
