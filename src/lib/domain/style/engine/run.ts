import type { Morphology } from '../morphology/morphology';
import { severityFor, type Profile } from '../profiles';
import type { Span, Token } from '../text/tokens';
import { WHOLE_REPLY_CATEGORIES, type Category, type CheckOptions, type Finding } from '../types';
import type { AcceptedWords } from './accepted';
import type { CompiledRule, RuleContext, TextModel } from './context';

/** Categories about word choice: a word they flag is not also a spelling error. */
const WORD_CHOICE: readonly Category[] = [
  'jargon',
  'foreign',
  'aggression',
  'abbreviation',
  'term',
  'bureaucratese',
  'negative',
  'consistency',
];

export interface RunInput {
  doc: TextModel;
  morph: Morphology;
  options: CheckOptions;
  profile: Profile;
  accepted: AcceptedWords;
  /** Parameter overrides on top of the profile's (rule examples use them). */
  params?: Readonly<Record<string, Record<string, number>>>;
}

function runOne(rule: CompiledRule, input: RunInput, claimed: Span[]): Finding[] {
  const severity = severityFor(input.profile, rule);
  if (severity === 'off') return [];
  if (input.options.fragment && WHOLE_REPLY_CATEGORIES.includes(rule.category)) return [];
  const ctx: RuleContext = {
    doc: input.doc,
    morph: input.morph,
    info: (t: Token) => input.morph.analyze(t.text),
    options: input.options,
    profile: input.profile,
    params: { ...rule.params, ...input.profile.params[rule.id], ...input.params?.[rule.id] },
    accepted: input.accepted,
    claimed,
  };
  return rule.run(ctx).map((hit) => ({
    rule: rule.id,
    category: rule.category,
    severity: hit.severity && severity !== 'info' ? hit.severity : severity,
    start: hit.start,
    end: hit.end,
    text: input.doc.text.slice(hit.start, hit.end),
    message: hit.message ?? rule.message,
    ...(hit.suggestion !== undefined && { suggestion: hit.suggestion }),
    clause: rule.clause,
  }));
}

/** Runs the rules (late ones last, seeing the word-choice findings) and orders the findings. */
export function runRules(rules: readonly CompiledRule[], input: RunInput): Finding[] {
  const early = rules.filter((r) => !r.late).flatMap((r) => runOne(r, input, []));
  const claimed = early.filter((f) => WORD_CHOICE.includes(f.category));
  const late = rules.filter((r) => r.late).flatMap((r) => runOne(r, input, claimed));
  const seen = new Set<string>();
  return [...early, ...late]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((f) => {
      const key = `${f.category}:${f.start}:${f.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
