import type { RuleFileInput } from './engine/rule-schema';
import type { Category, Severity } from './types';

/**
 * What an agency's editors add from the console (issue 8): accepted words (names, places, their
 * own abbreviations), banned words and preferred terms. Versioning and audit live with the caller.
 */
export interface AgencyLexicon {
  accepted?: string[];
  banned?: {
    term: string;
    message?: string;
    suggestion?: string;
    category?: Category;
    severity?: Severity;
  }[];
  preferred?: { term: string; instead: string[] }[];
}

const AGENCY_CLAUSE = 'seed 002 §3.2 (словарь ведомства)';

/** The banned and preferred entries as rule files, without examples of their own. */
export function lexiconRules(lexicon: AgencyLexicon): RuleFileInput[] {
  const rules: RuleFileInput[] = [];
  const byCategory = new Map<string, NonNullable<AgencyLexicon['banned']>>();
  for (const entry of lexicon.banned ?? []) {
    const key = `${entry.category ?? 'jargon'}:${entry.severity ?? 'warn'}`;
    byCategory.set(key, [...(byCategory.get(key) ?? []), entry]);
  }
  for (const [key, entries] of byCategory) {
    const [category, severity] = key.split(':') as [Category, Severity];
    rules.push({
      id: `${category}.agency-${severity}`,
      type: 'existence',
      category,
      severity,
      clause: AGENCY_CLAUSE,
      message: 'Слово «{match}» не используется в ответах ведомства',
      tokens: entries.map(({ term, message, suggestion }) => ({ term, message, suggestion })),
      examples: { good: [], bad: [entries[0]!.term] },
    });
  }
  const preferred = lexicon.preferred ?? [];
  if (preferred.length) {
    rules.push({
      id: 'consistency.agency-terms',
      type: 'substitution',
      category: 'consistency',
      severity: 'warn',
      clause: AGENCY_CLAUSE,
      message: 'В ведомстве принят термин «{suggestion}» вместо «{match}»',
      swap: Object.fromEntries(preferred.flatMap((p) => p.instead.map((i) => [i, p.term]))),
      examples: { good: [], bad: [preferred[0]!.instead[0] ?? preferred[0]!.term] },
    });
  }
  return rules;
}
