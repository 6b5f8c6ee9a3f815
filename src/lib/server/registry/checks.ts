import { issueText } from '../../domain/registry/messages';
import { validateRegistry } from '../../domain/registry/rules';
import type { RegistryEntry } from '../../domain/registry/vocabulary';
import { DomainError } from '../errors';

/** Refuses a registry that breaks an error-level rule, naming every problem in plain words. */
export function checkEntries(entries: readonly RegistryEntry[]): void {
  const errors = validateRegistry(entries).issues.filter((i) => i.severity === 'error');
  if (!errors.length) return;
  const problems = errors.map((i) => {
    const e = i.index != null ? entries[i.index] : null;
    return e ? `«${e.process} — ${e.touchpoint}»: ${issueText(i)}` : issueText(i);
  });
  throw new DomainError('INVALID', 'registry.rulesFailed', { problems: problems.join(' ') });
}

/** Error-level findings of a whole file, each with the row number the user sees. */
export function registryProblems(
  entries: readonly RegistryEntry[],
  rowNumber: (index: number) => number,
): { rowNumber: number; code: 'bad_field'; message: string }[] {
  return validateRegistry(entries, { rowNumber })
    .issues.filter((i) => i.severity === 'error')
    .map((i) => ({
      rowNumber: i.index != null ? rowNumber(i.index) : 0,
      code: 'bad_field',
      message: issueText(i),
    }));
}
