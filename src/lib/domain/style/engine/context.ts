import type { Morphology, WordInfo } from '../morphology/morphology';
import type { Sentence } from '../text/sentences';
import type { Span, Token } from '../text/tokens';
import type { Category, CheckOptions, Severity } from '../types';
import type { Profile } from '../profiles';
import type { AcceptedWords } from './accepted';

export interface TextModel {
  text: string;
  /** Addresses, e-mails and inline switches: not prose, never matched. */
  masked: Span[];
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Span[];
}

export interface RuleContext {
  doc: TextModel;
  morph: Morphology;
  info(token: Token): WordInfo;
  options: CheckOptions;
  profile: Profile;
  /** Numeric parameters of the running rule after the profile's overrides. */
  params: Readonly<Record<string, number>>;
  /** Glossary words, accepted abbreviations and the agency's own accepted words. */
  accepted: AcceptedWords;
  /** Spans that earlier rules already flagged as a word choice (jargon, foreign…). */
  claimed: readonly Span[];
}

export interface Hit {
  start: number;
  end: number;
  message?: string;
  suggestion?: string;
  /** A milder severity for this hit only (a capitalised word may be a name). */
  severity?: Severity;
}

export interface CompiledRule {
  id: string;
  category: Category;
  severity: Severity;
  clause: string;
  message: string;
  description?: string;
  params: Readonly<Record<string, number>>;
  /** Correctly spelt words the rule lists (terms a profile may allow), for the spelling check. */
  vocabulary?: readonly string[];
  /** Runs after the others, seeing their hits as `claimed` (spelling). */
  late?: boolean;
  run(ctx: RuleContext): Hit[];
}

export function fillMessage(template: string, match: string, suggestion?: string): string {
  return template.replaceAll('{match}', match).replaceAll('{suggestion}', suggestion ?? '');
}
