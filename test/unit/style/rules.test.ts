import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/lib/domain/style/checker';
import { BUILT_IN_RULES } from '../../../src/lib/domain/style/rules';
import { CATEGORIES } from '../../../src/lib/domain/style/types';
import { checkerWith, testChecker } from './checker-instance';

/** Rule files are data with their own examples, run at load like prh's specs in textlint. */
let checker: Checker;
beforeAll(async () => {
  checker = await testChecker();
});

const jargonRule = {
  id: 'jargon.test',
  type: 'substitution',
  category: 'jargon',
  severity: 'block',
  clause: 'seed 002 §3.2',
  message: '«{match}» → «{suggestion}»',
  swap: { заява: 'заявление' },
  examples: { bad: ['Ваша заява получена.'], good: ['Ваше заявление получено.'] },
};

describe('built-in rule files', () => {
  it('all load: valid and their good and bad examples pass', () => {
    expect(checker.rejected).toEqual([]);
    expect(checker.rules.length).toBe(BUILT_IN_RULES.length + 8);
  });

  it('cover every category of issue 8 and name a seed clause', () => {
    const covered = new Set(checker.rules.map((r) => r.category));
    expect([...CATEGORIES].filter((c) => !covered.has(c))).toEqual([]);
    for (const r of checker.rules) expect(r.clause, r.id).toMatch(/^seed 00\d §/);
  });
});

describe('loading rule files', () => {
  it('rejects a rule whose bad example it does not flag', async () => {
    const broken = { ...jargonRule, examples: { bad: ['Ваше заявление получено.'], good: [] } };
    const c = await checkerWith({ rules: [broken] });
    expect(c.rejected).toEqual([
      { id: 'jargon.test', errors: ['bad example not flagged: «Ваше заявление получено.»'] },
    ]);
    expect(c.rules.some((r) => r.id === 'jargon.test')).toBe(false);
  });

  it('rejects a rule that flags its good example', async () => {
    const broken = { ...jargonRule, examples: { bad: ['Заява.'], good: ['Ваша заява получена.'] } };
    const c = await checkerWith({ rules: [broken] });
    expect(c.rejected[0]?.errors[0]).toMatch(/^good example flagged/);
  });

  it('rejects a file that does not fit the schema', async () => {
    const c = await checkerWith({ rules: [{ ...jargonRule, type: 'sequence' }] });
    expect(c.rejected[0]?.id).toBe('jargon.test');
  });

  it('loads a valid file and matches every word form of an entry', async () => {
    const c = await checkerWith({ rules: [jargonRule] });
    const found = c.check('Заявой, заявы и заяву мы получили.', { fragment: true }).findings;
    expect(found.filter((f) => f.rule === 'jargon.test').map((f) => f.text)).toEqual([
      'Заявой',
      'заявы',
      'заяву',
    ]);
  });
});
