import { compileRule } from './engine/compile';
import type { CompiledRule } from './engine/context';
import { ruleFile, type RuleFile, type RuleFileInput } from './engine/rule-schema';
import { runRules } from './engine/run';
import { selfTest } from './engine/self-test';
import { lexiconRules, type AgencyLexicon } from './lexicon';
import { loadAzMorphology } from './morphology/az-morphology';
import type { DictionaryLoader, Morphology } from './morphology/morphology';
import { BUILT_IN_PROFILES, DEFAULT_PROFILE, parseProfiles, type Profile } from './profiles';
import { BUILT_IN_RULES, CODE_RULES, GLOSSARY } from './rules';
import { score } from './score';
import { parseSwitches, switchFor } from './switches';
import { AcceptedWords } from './engine/accepted';
import { buildTextModel } from './text/model';
import type { CheckOptions, CheckResult, Finding, SuppressedFinding } from './types';

export interface CheckerConfig {
  /** Reads the dictionary files: from disk on the server, by fetch in a browser worker. */
  loadDictionary: DictionaryLoader;
  lexicon?: AgencyLexicon;
  /** Replaces the built-in rule files (tests, an agency's own set). */
  rules?: readonly unknown[];
  profiles?: unknown;
}

export interface RuleInfo {
  id: string;
  category: string;
  severity: string;
  clause: string;
  description?: string;
}

export interface Checker {
  check(text: string, options?: CheckOptions): CheckResult;
  rules: readonly RuleInfo[];
  /** Rule files that did not load: invalid, or their own examples failed. */
  rejected: readonly { id: string; errors: string[] }[];
  profiles: ReadonlyMap<string, Profile>;
}

function parseRule(raw: unknown): { file?: RuleFile; id: string; errors: string[] } {
  const parsed = ruleFile.safeParse(raw);
  const id = String((raw as { id?: unknown })?.id ?? '?');
  if (parsed.success) return { file: parsed.data, id, errors: [] };
  return { id, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

/** Loads the dictionary, compiles the rule files and keeps those whose examples pass. */
export async function createChecker(config: CheckerConfig): Promise<Checker> {
  const morph = await loadAzMorphology(config.loadDictionary);
  return buildChecker(morph, config);
}

export function buildChecker(
  morph: Morphology,
  config: Omit<CheckerConfig, 'loadDictionary'>,
): Checker {
  const profiles = config.profiles ? parseProfiles(config.profiles) : BUILT_IN_PROFILES;
  const base = profiles.get(DEFAULT_PROFILE) ?? [...profiles.values()][0]!;
  const glossary = [...GLOSSARY, ...(config.lexicon?.accepted ?? [])];
  const accepted = new AcceptedWords(glossary);
  const rejected: { id: string; errors: string[] }[] = [];
  const rules: CompiledRule[] = [...CODE_RULES];
  const sources: readonly unknown[] = [
    ...(config.rules ?? BUILT_IN_RULES),
    ...(config.lexicon ? lexiconRules(config.lexicon) : ([] as RuleFileInput[])),
  ];
  for (const raw of sources) {
    const { file, id, errors } = parseRule(raw);
    if (!file) {
      rejected.push({ id, errors });
      continue;
    }
    try {
      const rule = compileRule(file, morph);
      const failures = selfTest(file, rule, morph, base, accepted);
      if (failures.length) rejected.push({ id, errors: failures });
      else rules.push(rule);
    } catch (err) {
      rejected.push({ id, errors: [err instanceof Error ? err.message : String(err)] });
    }
  }
  const terms = rules.filter((r) => r.category === 'term').flatMap((r) => r.vocabulary ?? []);
  const profileAccepted = new Map(
    [...profiles].map(([name, p]) => [
      name,
      new AcceptedWords([...glossary, ...terms, ...p.accept]),
    ]),
  );

  return {
    rules: rules.map(({ id, category, severity, clause, description }) => ({
      id,
      category,
      severity,
      clause,
      description,
    })),
    rejected,
    profiles,
    check(text, options = {}) {
      const name = options.profile ?? DEFAULT_PROFILE;
      const profile = profiles.get(name);
      if (!profile) throw new Error(`unknown profile "${name}"`);
      const switches = parseSwitches(text);
      const doc = buildTextModel(text, switches.markers);
      const all = runRules(rules, {
        doc,
        morph,
        options,
        profile,
        accepted: profileAccepted.get(name)!,
      });
      const findings: Finding[] = [];
      const suppressed: SuppressedFinding[] = [];
      for (const f of all) {
        const range = switchFor(switches.ranges, f);
        if (range) suppressed.push({ ...f, switchAt: range.at });
        else findings.push(f);
      }
      const words = doc.tokens.filter((t) => t.kind === 'word').length;
      return { score: score(findings, words), findings, suppressed, words };
    },
  };
}
