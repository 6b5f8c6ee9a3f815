import type { CompiledRule, Hit, RuleContext } from '../engine/context';
import type { WordInfo } from '../morphology/morphology';
import type { Token } from '../text/tokens';

/** Nouns of action not ending in «-ние/-тие» that officialese likes to hang on empty verbs. */
const ACTION_NOUNS = new Set(
  'оплата выплата проверка выдача регистрация приём прием замена запись подача доставка уборка ремонт контроль учет учёт'.split(
    ' ',
  ),
);

/** Verbs that carry no meaning of their own in «производится проведение», «произвести оплату». */
const EMPTY_VERBS = new Set(['производить', 'производиться', 'произвести', 'произвестись']);

function verbalNoun(info: WordInfo): boolean {
  return info.parses.some(
    (p) =>
      p.pos === 'NOUN' &&
      ((p.lemma.length > 5 && /(?:ние|тие)$/.test(p.lemma)) || ACTION_NOUNS.has(p.lemma)),
  );
}

function chains(ctx: RuleContext, min: number): Hit[] {
  const hits: Hit[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length >= min) {
      hits.push({
        start: run[0]!.start,
        end: run.at(-1)!.end,
        message: `${run.length} отглагольных существительных подряд: замените часть из них глаголами`,
      });
    }
    run = [];
  };
  for (const t of ctx.doc.tokens) {
    const prev = run.at(-1);
    if (prev && ctx.doc.text.slice(prev.end, t.start).trim()) flush();
    if (t.kind === 'word' && verbalNoun(ctx.info(t))) run.push(t);
    else flush();
  }
  flush();
  return hits;
}

function splitPredicates(ctx: RuleContext): Hit[] {
  const hits: Hit[] = [];
  for (const t of ctx.doc.tokens) {
    if (![...ctx.info(t).lemmas].some((l) => EMPTY_VERBS.has(l))) continue;
    const next = ctx.doc.tokens[t.index + 1];
    const prev = ctx.doc.tokens[t.index - 1];
    const noun = [next, prev].find(
      (n) =>
        n &&
        !ctx.doc.text.slice(Math.min(n.end, t.end), Math.max(n.start, t.start)).trim() &&
        verbalNoun(ctx.info(n)),
    );
    if (!noun) continue;
    const start = Math.min(t.start, noun.start);
    const end = Math.max(t.end, noun.end);
    hits.push({
      start,
      end,
      message: `«${ctx.doc.text.slice(start, end)}» — пустой глагол при существительном: скажите одним глаголом («проводится», «оплатить»)`,
    });
  }
  return hits;
}

/** Seed 002 §3.2 «избегать формализма»: strings of verbal nouns and split predicates. */
export const verbalNounRule: CompiledRule = {
  id: 'bureaucratese.verbal-nouns',
  category: 'bureaucratese',
  severity: 'warn',
  clause: 'seed 002 §3.2',
  message: 'Цепочка отглагольных существительных',
  description: 'Нет цепочек отглагольных существительных и «расщеплённых» сказуемых',
  params: { min: 3 },
  run: (ctx) => [...chains(ctx, ctx.params.min ?? 3), ...splitPredicates(ctx)],
};
