import type { CompiledRule } from '../engine/context';
import { capitalizeLike, isUpper } from '../text/normalize';
import { insideAny, type Token } from '../text/tokens';
import type { TextModel } from '../engine/context';

function startsSentence(doc: TextModel, token: Token): boolean {
  if (doc.sentences.some((s) => s.from === token.index)) return true;
  return /[«"(]\s*$/.test(doc.text.slice(Math.max(0, token.start - 2), token.start));
}

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase();
}

/**
 * Seed 000 §3.5, seed 002 §3.2: no spelling errors. A word is an error when the OpenCorpora
 * dictionary, the glossary and the agency's accepted words all miss it. A capitalised word inside
 * a sentence may be a name the dictionary lacks, so it is only noted.
 */
export const spellingRule: CompiledRule = {
  id: 'spelling.dictionary',
  category: 'spelling',
  severity: 'block',
  clause: 'seed 000 §3.5; seed 002 §3.2',
  message: 'Слово «{match}» не найдено в словаре: проверьте написание',
  description: 'Орфография: слово отсутствует в словаре и в глоссарии ведомства',
  params: {},
  late: true,
  run(ctx) {
    return ctx.doc.tokens
      .filter(
        (t) =>
          t.kind === 'word' &&
          !t.latin &&
          t.text.length > 1 &&
          !isAllCaps(t.text) &&
          !insideAny(ctx.claimed, t.start, t.end),
      )
      .filter((t) => !ctx.info(t).known)
      .filter((t) => !ctx.accepted.covers(t.text))
      .map((t) => {
        const name = isUpper(t.text[0]!) && !startsSentence(ctx.doc, t);
        const suggestion = ctx.morph.suggest(t.text)[0];
        return {
          start: t.start,
          end: t.end,
          severity: name ? ('info' as const) : undefined,
          message: name
            ? `Слово «${t.text}» не найдено в словаре. Если это имя или название, добавьте его в глоссарий`
            : `Слово «${t.text}» не найдено в словаре: проверьте написание`,
          suggestion: suggestion && capitalizeLike(suggestion, t.text),
        };
      });
  },
};
