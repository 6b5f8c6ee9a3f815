import { searchTokens } from '../search/tokens';

export interface KeywordRule {
  id: number;
  keyword: string;
  processId: number | null;
  processName: string | null;
  priority: string | null;
}

export interface RuleMatch {
  rule: KeywordRule;
  /** The keyword as the admin wrote it, for the reason «совпало «зачисление» → Приём в школу». */
  matched: string;
}

function contains(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The first rule (in the admin's order) whose keyword occurs in the text, compared by stems so
 * «зачисление» also matches «зачислении», «зачисления»; a phrase must occur as consecutive words.
 */
export function matchKeywordRule(text: string, rules: readonly KeywordRule[]): RuleMatch | null {
  const tokens = searchTokens(text);
  for (const rule of rules) {
    if (contains(tokens, searchTokens(rule.keyword))) return { rule, matched: rule.keyword.trim() };
  }
  return null;
}
