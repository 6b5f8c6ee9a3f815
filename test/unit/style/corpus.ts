import fs from 'node:fs';
import path from 'node:path';
import { CATEGORIES, type Category, type CheckOptions } from '../../../src/lib/domain/style/types';
import type { Checker } from '../../../src/lib/domain/style/checker';

/** The labelled corpus in test/fixtures/style/ and precision/recall per category over it. */

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/style');

export interface Sample {
  id: string;
  text: string;
  expected: Set<Category>;
  options: CheckOptions;
}

export function loadSentences(): Sample[] {
  return ['sentences.txt', 'sentences-holdout.txt'].flatMap(loadSentenceFile);
}

function loadSentenceFile(name: string): Sample[] {
  const lines = fs.readFileSync(path.join(FIXTURES, name), 'utf8').split('\n');
  return lines.flatMap((line, i) => {
    if (!line.trim() || line.startsWith('#')) return [];
    const [labels = '', ...rest] = line.split(' | ');
    const expected = labels.trim() === 'ok' ? [] : labels.split(',').map((l) => l.trim());
    for (const l of expected) {
      if (!(CATEGORIES as readonly string[]).includes(l)) throw new Error(`line ${i + 1}: ${l}`);
    }
    return [
      {
        id: `${name}:${i + 1}`,
        text: rest.join(' | '),
        expected: new Set(expected as Category[]),
        options: { fragment: true },
      },
    ];
  });
}

interface ReplyEntry {
  file: string;
  clientName?: string;
  profile?: string;
  expect: Category[];
}

export function loadReplies(): Sample[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'replies.json'), 'utf8'),
  ) as ReplyEntry[];
  return manifest.map((r) => ({
    id: `replies/${r.file}`,
    text: fs.readFileSync(path.join(FIXTURES, 'replies', r.file), 'utf8'),
    expected: new Set(r.expect),
    options: { clientName: r.clientName, profile: r.profile },
  }));
}

/** Categories a check flags at warn or block; notes (info) are advice, not alarms. */
export function flagged(checker: Checker, sample: Sample): Set<Category> {
  const { findings } = checker.check(sample.text, sample.options);
  return new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.category));
}

export interface Score {
  category: Category;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function evaluate(checker: Checker, samples: Sample[]) {
  const counts = new Map(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  for (const s of samples) {
    const got = flagged(checker, s);
    for (const c of CATEGORIES) {
      const n = counts.get(c)!;
      if (got.has(c) && s.expected.has(c)) n.tp++;
      else if (got.has(c)) {
        n.fp++;
        errors.push(`false alarm ${c}: ${s.id} «${s.text.slice(0, 90)}»`);
      } else if (s.expected.has(c)) {
        n.fn++;
        errors.push(`missed ${c}: ${s.id} «${s.text.slice(0, 90)}»`);
      }
    }
  }
  const scores: Score[] = [...counts].map(([category, { tp, fp, fn }]) => ({
    category,
    tp,
    fp,
    fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
  }));
  return { scores, errors };
}

export function formatScores(scores: Score[]): string {
  const rows = scores
    .filter((s) => s.tp + s.fp + s.fn > 0)
    .map(
      (s) =>
        `${s.category.padEnd(14)} precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    );
  return rows.join('\n');
}
