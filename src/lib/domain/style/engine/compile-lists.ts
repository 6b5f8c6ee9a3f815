import type { Morphology } from '../morphology/morphology';
import { capitalizeLike } from '../text/normalize';
import { insideAny, type Span } from '../text/tokens';
import { fillMessage, type CompiledRule, type Hit, type RuleContext } from './context';
import { explainedInSentence } from './explained';
import { compilePhrase, PhraseIndex, type PhraseMatch } from './phrase';
import type { ExistenceRule, SubstitutionRule } from './rule-schema';

interface EntryData {
  message?: string;
  suggestion?: string;
  domain?: string;
}

function base(rule: ExistenceRule | SubstitutionRule): Omit<CompiledRule, 'run'> {
  const { id, category, severity, clause, message, description } = rule;
  return { id, category, severity, clause, message, description, params: {} };
}

function exceptionSpans(index: PhraseIndex<null>, ctx: RuleContext): Span[] {
  return index.find(ctx.doc, ctx.info);
}

/** A one-word suggestion put in the form of the word it replaces («скиньте» → «пришлите»). */
export function fitSuggestion(
  suggestion: string,
  match: PhraseMatch<unknown>,
  morph: Morphology,
): string {
  const first = match.shown[0]!.text;
  if (match.shown.length === 1 && !/\s/.test(suggestion)) {
    const inflected = morph.inflectLike(suggestion, first);
    if (inflected) return capitalizeLike(inflected, first);
  }
  return capitalizeLike(suggestion, first);
}

/** `$&` and `$1`…`$9` of a replacement, filled from a match found in the whole text. */
function expand(replacement: string, m: RegExpMatchArray): string {
  return replacement.replace(/\$(&|\d)/g, (_, g: string) =>
    g === '&' ? m[0] : (m[Number(g)] ?? ''),
  );
}

function compileRaw(rule: ExistenceRule) {
  const flags = rule.caseSensitive ? 'gdu' : 'gdiu';
  return rule.raw.map((r) => {
    const spec = typeof r === 'string' ? { pattern: r } : r;
    return { ...spec, re: new RegExp(spec.pattern, flags) };
  });
}

export function compileExistence(rule: ExistenceRule, morph: Morphology): CompiledRule {
  const index = new PhraseIndex(
    rule.tokens.map((e) => {
      const entry = typeof e === 'string' ? { term: e } : e;
      return compilePhrase<EntryData>(entry.term, entry, morph);
    }),
  );
  const exceptions = new PhraseIndex(rule.exceptions.map((x) => compilePhrase(x, null, morph)));
  const patterns = compileRaw(rule);
  return {
    ...base(rule),
    vocabulary: rule.tokens.flatMap((e) =>
      (typeof e === 'string' ? e : e.term).split(/\s+/).map((w) => w.replace(/^=|\/.*$/g, '')),
    ),
    run(ctx) {
      const hits: Hit[] = [];
      const except = rule.exceptions.length ? exceptionSpans(exceptions, ctx) : [];
      for (const m of index.find(ctx.doc, ctx.info)) {
        const { domain, message, suggestion } = m.phrase.data;
        if (domain && ctx.profile.termDomains.includes(domain)) continue;
        if (except.some((x) => x.start <= m.start && m.end <= x.end)) continue;
        if (rule.unlessExplained && explainedInSentence(ctx.doc, m.start, m.end)) continue;
        const text = ctx.doc.text.slice(m.start, m.end);
        const fitted = suggestion && fitSuggestion(suggestion, m, ctx.morph);
        hits.push({
          start: m.start,
          end: m.end,
          message: fillMessage(message ?? rule.message, text, fitted),
          suggestion: fitted || undefined,
        });
      }
      for (const p of patterns) {
        for (const m of ctx.doc.text.matchAll(p.re)) {
          const [start, end] = m.indices?.groups?.x ?? [m.index, m.index + m[0].length];
          if (insideAny(ctx.doc.masked, start, end)) continue;
          const suggestion = p.replace === undefined ? undefined : expand(p.replace, m);
          const text = ctx.doc.text.slice(start, end);
          hits.push({
            start,
            end,
            message: fillMessage(p.message ?? rule.message, text, suggestion),
            suggestion,
          });
        }
      }
      return hits;
    },
  };
}

export function compileSubstitution(rule: SubstitutionRule, morph: Morphology): CompiledRule {
  const index = new PhraseIndex(
    Object.entries(rule.swap).map(([term, good]) =>
      compilePhrase(term, { alternatives: good.split('|').map((s) => s.trim()) }, morph),
    ),
  );
  const exceptions = new PhraseIndex(rule.exceptions.map((x) => compilePhrase(x, null, morph)));
  return {
    ...base(rule),
    run(ctx) {
      const except = rule.exceptions.length ? exceptionSpans(exceptions, ctx) : [];
      return index
        .find(ctx.doc, ctx.info)
        .filter((m) => !except.some((x) => x.start <= m.start && m.end <= x.end))
        .map((m) => {
          const fitted = m.phrase.data.alternatives.map((a) => fitSuggestion(a, m, ctx.morph));
          const text = ctx.doc.text.slice(m.start, m.end);
          return {
            start: m.start,
            end: m.end,
            message: fillMessage(rule.message, text, fitted.join('», «')),
            suggestion: fitted[0],
          };
        });
    },
  };
}
