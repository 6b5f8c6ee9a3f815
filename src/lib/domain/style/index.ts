/** The reply checker of issue 8: one engine for the composer's worker and the server's gate. */
export { createChecker, buildChecker } from './checker';
export type { Checker, CheckerConfig, RuleInfo } from './checker';
export { CATEGORY_LABELS, CHECKLIST } from './categories';
export { fetchDictionaryLoader } from './morphology/fetch-loader';
export { DICTIONARY_FILES } from './morphology/morphology';
export type { DictionaryFile, DictionaryLoader } from './morphology/morphology';
export type { AgencyLexicon } from './lexicon';
export { DEFAULT_PROFILE, PLAIN_LANGUAGE_NEEDS, SEGMENTS, profileFor } from './profiles';
export type { Profile, Segment } from './profiles';
export { SEVERITY_WEIGHTS, score } from './score';
export { stripSwitches } from './switches';
export * from './types';
