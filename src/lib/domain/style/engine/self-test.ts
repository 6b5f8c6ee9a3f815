import type { Morphology } from '../morphology/morphology';
import type { Profile } from '../profiles';
import { buildTextModel } from '../text/model';
import type { AcceptedWords } from './accepted';
import type { CompiledRule } from './context';
import type { RuleFile } from './rule-schema';
import { runRules } from './run';

/**
 * A rule's own examples, run as prh's specs are in textlint: every bad example must be flagged by
 * the rule and no good one. Returns what failed; a rule with failures is not loaded.
 */
export function selfTest(
  file: RuleFile,
  rule: CompiledRule,
  morph: Morphology,
  profile: Profile,
  accepted: AcceptedWords,
): string[] {
  const neutral: Profile = { ...profile, severity: {}, params: {}, termDomains: [] };
  const params = file.examples.params ? { [rule.id]: file.examples.params } : undefined;
  const flagged = (text: string) =>
    runRules([rule], {
      doc: buildTextModel(text),
      morph,
      options: {},
      profile: neutral,
      accepted,
      params,
    }).length > 0;
  return [
    ...file.examples.bad.filter((t) => !flagged(t)).map((t) => `bad example not flagged: «${t}»`),
    ...file.examples.good.filter(flagged).map((t) => `good example flagged: «${t}»`),
  ];
}
