import type { Morphology } from '../morphology/morphology';
import { wordKey } from '../text/normalize';
import { insideAny, type Span } from '../text/tokens';
import { fillMessage, type CompiledRule, type Hit, type RuleContext } from './context';
import { fitSuggestion } from './compile-lists';
import { compilePhrase, PhraseIndex, type PhraseMatch } from './phrase';
import type { ConditionalRule, ConsistencyRule, MetricRule, OccurrenceRule } from './rule-schema';

type AnyRule = ConsistencyRule | ConditionalRule | OccurrenceRule | MetricRule;

function base(rule: AnyRule, params: Record<string, number> = {}): Omit<CompiledRule, 'run'> {
  const { id, category, severity, clause, message, description } = rule;
  return { id, category, severity, clause, message, description, params };
}

/** Vale `consistency`: one word per concept in one text. */
export function compileConsistency(rule: ConsistencyRule, morph: Morphology): CompiledRule {
  const groups = rule.groups.map((g) => ({
    index: new PhraseIndex(g.terms.map((t, i) => compilePhrase(t, i, morph))),
    terms: g.terms,
    after: g.after && new Set(g.after.flatMap((w) => [wordKey(w), ...morph.analyze(w).lemmas])),
  }));
  return {
    ...base(rule),
    run(ctx) {
      const hits: Hit[] = [];
      for (const g of groups) {
        const { kept: found, same } = withAliases(
          ctx.doc.text,
          g.index.find(ctx.doc, ctx.info).filter((m) => {
            if (!g.after) return true;
            const first = m.tokens[0]!.index;
            return ctx.doc.tokens
              .slice(Math.max(0, first - 3), first)
              .some(
                (t) => g.after!.has(t.key) || [...ctx.info(t).lemmas].some((l) => g.after!.has(l)),
              );
          }),
        );
        const chosen = found[0]?.phrase.data;
        if (chosen === undefined) continue;
        for (const m of found.filter((f) => !same(chosen, f.phrase.data))) {
          const text = ctx.doc.text.slice(m.start, m.end);
          const suggestion = fitSuggestion(g.terms[chosen]!, m, ctx.morph);
          hits.push({
            start: m.start,
            end: m.end,
            message: fillMessage(rule.message, text, g.terms[chosen]),
            suggestion,
          });
        }
      }
      return hits;
    },
  };
}

/** The opening bracket when [start, end) is inside «( … )», else -1. */
function bracketOpening(text: string, start: number, end: number): number {
  const open = text.lastIndexOf('(', start);
  const close = text.indexOf(')', end);
  if (open < 0 || close < 0 || start - open > 300) return -1;
  if (text.slice(open, start).includes(')') || text.slice(end, close).includes('(')) return -1;
  return open;
}

/**
 * Terms used as «Единый портал государственных услуг (Госуслуги)»: the bracket names the same
 * thing, so from then on both names are the same term.
 */
function withAliases(text: string, found: PhraseMatch<number>[]) {
  const alias = new Map<number, Set<number>>();
  const kept: PhraseMatch<number>[] = [];
  for (const m of found) {
    const open = bracketOpening(text, m.start, m.end);
    if (open < 0) {
      kept.push(m);
      continue;
    }
    const named = kept.at(-1);
    if (named && /^[^.!?;()]{0,80}$/.test(text.slice(named.end, open))) {
      for (const [a, b] of [
        [named.phrase.data, m.phrase.data],
        [m.phrase.data, named.phrase.data],
      ] as const) {
        alias.set(a, (alias.get(a) ?? new Set([a])).add(b));
      }
    }
  }
  return { kept, same: (a: number, b: number) => a === b || !!alias.get(a)?.has(b) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parts of speech of «ИЛИ», «НЕ», «ДЛЯ» in capitals: not abbreviations. */
const FUNCTION_WORDS = new Set(['PREP', 'CONJ', 'PRCL', 'NPRO', 'INTJ']);

/** Vale `conditional`: what `first` finds must be defined somewhere by `second`. */
export function compileConditional(rule: ConditionalRule, morph: Morphology): CompiledRule {
  const first = new RegExp(rule.first, 'gu');
  const exceptions = new Set(rule.exceptions.map(wordKey));
  const ordinaryWord = (key: string) => {
    const info = morph.analyze(key.toLowerCase());
    if (!info.known || info.parses.some((p) => p.grammemes.has('Abbr'))) return false;
    return key.length >= 5 || info.parses.every((p) => FUNCTION_WORDS.has(p.pos));
  };
  return {
    ...base(rule),
    run(ctx) {
      const seen = new Set<string>();
      const hits: Hit[] = [];
      for (const m of ctx.doc.text.matchAll(first)) {
        const key = m[0];
        const end = m.index + key.length;
        if (seen.has(key) || insideAny(ctx.doc.masked, m.index, end)) continue;
        seen.add(key);
        if (exceptions.has(wordKey(key)) || ctx.accepted.has(key)) continue;
        if (ordinaryWord(key)) continue;
        const second = new RegExp(rule.second.replaceAll('$0', escape(key)), 'iu');
        if (second.test(ctx.doc.text)) continue;
        hits.push({ start: m.index, end, message: fillMessage(rule.message, key) });
      }
      return hits;
    },
  };
}

function scopes(ctx: RuleContext, scope: OccurrenceRule['scope']): Span[] {
  if (scope === 'sentence') return ctx.doc.sentences;
  if (scope === 'paragraph') return ctx.doc.paragraphs;
  return [{ start: 0, end: ctx.doc.text.length }];
}

/** Vale `occurrence`: at least `min` / at most `max` matches of `pattern` per scope. */
export function compileOccurrence(rule: OccurrenceRule): CompiledRule {
  const re = new RegExp(rule.pattern, 'giu');
  const params: Record<string, number> = {};
  if (rule.min !== undefined) params.min = rule.min;
  if (rule.max !== undefined) params.max = rule.max;
  return {
    ...base(rule, params),
    run(ctx) {
      const hits: Hit[] = [];
      for (const scope of scopes(ctx, rule.scope)) {
        const text = ctx.doc.text.slice(scope.start, scope.end);
        const found = [...text.matchAll(re)].map((m) => ({
          start: scope.start + m.index,
          end: scope.start + m.index + m[0].length,
        }));
        const { min, max } = ctx.params;
        const fill = (t: string) =>
          fillMessage(rule.message, t)
            .replaceAll('{count}', String(found.length))
            .replaceAll('{max}', String(max ?? ''))
            .replaceAll('{min}', String(min ?? ''));
        if (min !== undefined && found.length < min) {
          hits.push({ start: scope.start, end: scope.start, message: fill('') });
        }
        if (max !== undefined) {
          for (const f of found.slice(max)) {
            hits.push({ ...f, message: fill(ctx.doc.text.slice(f.start, f.end)) });
          }
        }
      }
      return hits;
    },
  };
}

/** Vale `metric`: words in a sentence, characters in the reply. */
export function compileMetric(rule: MetricRule): CompiledRule {
  return {
    ...base(rule, { max: rule.max }),
    run(ctx) {
      const max = ctx.params.max ?? rule.max;
      const fill = (count: number) =>
        rule.message.replaceAll('{count}', String(count)).replaceAll('{max}', String(max));
      if (rule.metric === 'text-chars') {
        const length = ctx.doc.text.trimEnd().length;
        return length > max ? [{ start: max, end: length, message: fill(length) }] : [];
      }
      return ctx.doc.sentences
        .filter((s) => s.to - s.from > max)
        .map((s) => ({ start: s.start, end: s.end, message: fill(s.to - s.from) }));
    },
  };
}
