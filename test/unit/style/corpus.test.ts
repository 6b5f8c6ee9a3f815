import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/lib/domain/style/checker';
import { testChecker } from './checker-instance';
import { evaluate, formatScores, loadReplies, loadSentences } from './corpus';

/**
 * Issue 8 quality bar on the labelled corpus: precision and recall per category, and no false
 * alarm on a clean official reply (seed 002 §3.2, seed 000 §3.5). Thresholds: recall ≥ 0.9 and
 * precision ≥ 0.9 for every category that has labelled samples.
 */
const MIN_RECALL = 0.9;
const MIN_PRECISION = 0.9;

let checker: Checker;
beforeAll(async () => {
  checker = await testChecker();
});

describe('labelled corpus', () => {
  it('has at least 300 sentences and 20 whole replies', () => {
    expect(loadSentences().length).toBeGreaterThanOrEqual(300);
    expect(new Set(loadReplies().map((r) => r.id)).size).toBeGreaterThanOrEqual(20);
  });

  it('meets precision and recall per category on sentences and replies', () => {
    const { scores, errors } = evaluate(checker, [...loadSentences(), ...loadReplies()]);
    console.log(`Style checker on the labelled corpus:\n${formatScores(scores)}`);
    if (errors.length) console.log(errors.join('\n'));
    for (const s of scores.filter((x) => x.tp + x.fn > 0)) {
      expect.soft(s.recall, `recall of ${s.category}`).toBeGreaterThanOrEqual(MIN_RECALL);
      expect.soft(s.precision, `precision of ${s.category}`).toBeGreaterThanOrEqual(MIN_PRECISION);
    }
  });

  it('raises no warning or block on a clean official reply', () => {
    const clean = loadReplies().filter((r) => r.expected.size === 0);
    expect(clean.length).toBeGreaterThanOrEqual(10);
    for (const reply of clean) {
      const alarms = checker
        .check(reply.text, reply.options)
        .findings.filter((f) => f.severity !== 'info');
      expect(alarms, reply.id).toEqual([]);
    }
  });

  it('blocks a reply that breaks the rules of the orders', () => {
    const bad = loadReplies().find((r) => r.id.includes('18-jargon-aggression'))!;
    const result = checker.check(bad.text, bad.options);
    expect(result.findings.some((f) => f.severity === 'block')).toBe(true);
    expect(result.score).toBeLessThan(8);
  });
});
