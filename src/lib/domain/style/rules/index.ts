import { genitiveChainRule, participlesRule } from '../checks/complex';
import { bracketsRule } from '../checks/brackets';
import { greetingRule } from '../checks/greeting';
import { spellingRule } from '../checks/spelling';
import { structureRule } from '../checks/structure';
import { surveyLinkRule } from '../checks/survey-link';
import { verbalNounRule } from '../checks/verbal-nouns';
import type { CompiledRule } from '../engine/context';
import glossary from './glossary.json';
import abbreviationUndefined from './abbreviation-undefined.json';
import aggressionAccusations from './aggression-accusations.json';
import aggressionInsults from './aggression-insults.json';
import bureaucrateseMild from './bureaucratese-mild.json';
import bureaucratesePhrases from './bureaucratese-phrases.json';
import bureaucrateseWords from './bureaucratese-words.json';
import consistencyTerms from './consistency-terms.json';
import foreignAnglicisms from './foreign-anglicisms.json';
import foreignLatin from './foreign-latin.json';
import jargonColloquial from './jargon-colloquial.json';
import jargonInformal from './jargon-informal.json';
import length from './length.json';
import longSentence from './long-sentence.json';
import negativeFraming from './negative-framing.json';
import negativeLimits from './negative-limits.json';
import negativeRefusals from './negative-refusals.json';
import punctuationAddress from './punctuation-address.json';
import punctuationCommas from './punctuation-commas.json';
import punctuationExclamations from './punctuation-exclamations.json';
import punctuationMarks from './punctuation-marks.json';
import punctuationSpacing from './punctuation-spacing.json';
import termSpecial from './term-special.json';

/** The rule files shipped with Otklik; an agency extends them through its lexicon. */
export const BUILT_IN_RULES: readonly unknown[] = [
  abbreviationUndefined,
  aggressionAccusations,
  aggressionInsults,
  bureaucrateseMild,
  bureaucratesePhrases,
  bureaucrateseWords,
  consistencyTerms,
  foreignAnglicisms,
  foreignLatin,
  jargonColloquial,
  jargonInformal,
  length,
  longSentence,
  negativeFraming,
  negativeLimits,
  negativeRefusals,
  punctuationAddress,
  punctuationCommas,
  punctuationExclamations,
  punctuationMarks,
  punctuationSpacing,
  termSpecial,
];

/** Rules that need structure, not lists (issue 8: greeting, survey link, paragraphs…). */
export const CODE_RULES: readonly CompiledRule[] = [
  spellingRule,
  greetingRule,
  surveyLinkRule,
  structureRule,
  bracketsRule,
  genitiveChainRule,
  participlesRule,
  verbalNounRule,
];

/** Words the dictionary lacks that replies use: services, agencies, places (seed lists). */
export const GLOSSARY: readonly string[] = glossary.words;
