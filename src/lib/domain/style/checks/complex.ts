import type { CompiledRule, Hit, RuleContext } from '../engine/context';
import type { WordInfo } from '../morphology/morphology';
import { isUpper } from '../text/normalize';
import type { Token } from '../text/tokens';

/** Prepositions that put the noun after them in the genitive («для», «из», «от»…). */
const GENITIVE_PREPOSITIONS = new Set(
  'для из от до без у после кроме около вокруг против среди из-за из-под вместо возле ради вследствие ввиду'.split(
    ' ',
  ),
);

/** Participles that work as ordinary adjectives in letters and are not hard to read. */
const COMMON_PARTICIPLES = new Set(
  'уважаемый следующий настоящий данный бывший будущий указанный установленный необходимый действующий'.split(
    ' ',
  ),
);

function isNoun(token: Token, info: WordInfo, sentenceStart: boolean): boolean {
  if (token.kind !== 'word' || (!sentenceStart && isUpper(token.text[0]!))) return false;
  return info.parses.some((p) => p.pos === 'NOUN' && !p.grammemes.has('Fixd'));
}

/** Heads of official names («начальник отдела образования района»): fixed titles, not style. */
const TITLE_HEADS = new Set(
  'министерство министр департамент управление отдел комитет администрация глава начальник заместитель директор руководитель председатель специалист консультант сектор служба центр учреждение организация фонд'.split(
    ' ',
  ),
);

/** Dates make natural chains («до конца декабря прошлого года»): these nouns do not count. */
const TIME_NOUNS = new Set(
  'год месяц неделя день час минута квартал полугодие конец начало середина январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь'.split(
    ' ',
  ),
);

function genitive(info: WordInfo): boolean {
  return info.parses.some(
    (p) =>
      p.pos === 'NOUN' &&
      !TIME_NOUNS.has(p.lemma) &&
      (p.grammemes.has('gent') || p.grammemes.has('gen2')) &&
      !p.grammemes.has('Fixd'),
  );
}

function genitiveModifier(info: WordInfo): boolean {
  return info.parses.some(
    (p) => ['ADJF', 'PRTF', 'NUMR', 'NPRO'].includes(p.pos) && p.grammemes.has('gent'),
  );
}

/**
 * A chain is a noun followed by nouns in the genitive («копия решения органа опеки»); adjectives in
 * the genitive may stand between them. The head counts only when a preposition puts it in the
 * genitive too («для проведения проверки соблюдения»).
 */
function genitiveChains(ctx: RuleContext, min: number): Hit[] {
  const hits: Hit[] = [];
  for (const s of ctx.doc.sentences) {
    let nouns: Token[] = [];
    let governed = false;
    const flush = () => {
      const count = nouns.length - (governed ? 0 : 1);
      const title = nouns[0] && ctx.info(nouns[0]).parses.some((p) => TITLE_HEADS.has(p.lemma));
      if (count >= min && !title) {
        hits.push({
          start: nouns[0]!.start,
          end: nouns.at(-1)!.end,
          message: `Цепочка из ${count} слов в родительном падеже подряд: перестройте фразу`,
        });
      }
      nouns = [];
    };
    for (let i = s.from; i < s.to; i++) {
      const t = ctx.doc.tokens[i]!;
      const prev = ctx.doc.tokens[i - 1];
      const gap = prev ? ctx.doc.text.slice(prev.end, t.start) : ' ';
      if (nouns.length && gap.trim()) flush();
      const info = ctx.info(t);
      if (nouns.length && isNoun(t, info, false) && genitive(info)) {
        nouns.push(t);
      } else if (nouns.length && genitiveModifier(info)) {
        continue;
      } else {
        flush();
        if (isNoun(t, info, i === s.from)) {
          nouns = [t];
          governed = !!prev && i > s.from && GENITIVE_PREPOSITIONS.has(prev.key) && genitive(info);
        }
      }
    }
    flush();
  }
  return hits;
}

function participles(ctx: RuleContext, min: number): Hit[] {
  return ctx.doc.sentences.flatMap((s) => {
    const found = ctx.doc.tokens.slice(s.from, s.to).filter((t) => {
      const info = ctx.info(t);
      if (!info.parses.some((p) => p.pos === 'PRTF' || p.pos === 'GRND')) return false;
      return !info.parses.some((p) => COMMON_PARTICIPLES.has(p.lemma));
    });
    if (found.length < min) return [];
    return [
      {
        start: s.start,
        end: s.end,
        message: `В предложении ${found.length} причастных и деепричастных оборота: разделите его на простые предложения`,
      },
    ];
  });
}

/**
 * Seed 002 §3.2 «избегать использования сложных стилистических конструкций»: chains of genitives
 * («проверки исполнения решения комиссии») and participial phrases stacked in one sentence.
 */
export const genitiveChainRule: CompiledRule = {
  id: 'complex.genitives',
  category: 'complex',
  severity: 'warn',
  clause: 'seed 002 §3.2',
  message: 'Цепочка слов в родительном падеже подряд',
  description: 'Нет цепочек из трёх и более родительных падежей',
  params: { min: 3 },
  run: (ctx) => genitiveChains(ctx, ctx.params.min ?? 3),
};

export const participlesRule: CompiledRule = {
  id: 'complex.participles',
  category: 'complex',
  severity: 'warn',
  clause: 'seed 002 §3.2',
  message: 'Нагромождение причастных и деепричастных оборотов',
  description: 'Нет нагромождения причастных и деепричастных оборотов',
  params: { min: 3 },
  run: (ctx) => participles(ctx, ctx.params.min ?? 3),
};
