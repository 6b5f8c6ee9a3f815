import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from '../types';

/**
 * Rule files, modelled on Vale's rule types. Each file is one rule with its message, severity,
 * the seed clause it enforces and its own good and bad examples.
 *
 * A list entry is a phrase of words separated by spaces. A plain word matches every form of its
 * lemma («заява» matches «заявой»); `=word` matches that form only; `word/POS` only that part of
 * speech or grammeme (`класть/Infr` is «ложить»); `[NOUN|ADJF]` any word of those parts of speech, `[NOUN~]` one that agrees in case and
 * number with the word before it. Placeholders are not underlined.
 */

const common = {
  id: z.string().regex(/^[a-z-]+\.[a-z0-9-]+$/),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  clause: z.string().min(1),
  message: z.string().min(1),
  description: z.string().optional(),
  examples: z.object({
    good: z.array(z.string()),
    bad: z.array(z.string()).min(1),
    params: z.record(z.string(), z.number()).optional(),
  }),
};

const rawPattern = z.union([
  z.string(),
  z.object({ pattern: z.string(), replace: z.string().optional(), message: z.string().optional() }),
]);

const termEntry = z.union([
  z.string(),
  z.object({
    term: z.string(),
    message: z.string().optional(),
    suggestion: z.string().optional(),
    domain: z.string().optional(),
  }),
]);

export const existenceRule = z.object({
  ...common,
  type: z.literal('existence'),
  tokens: z.array(termEntry).default([]),
  raw: z.array(rawPattern).default([]),
  caseSensitive: z.boolean().default(false),
  exceptions: z.array(z.string()).default([]),
  /** Passes when the same sentence explains the word («— это», «то есть», brackets). */
  unlessExplained: z.boolean().default(false),
});

export const substitutionRule = z.object({
  ...common,
  type: z.literal('substitution'),
  /** Entry → suggestion; alternatives separated by «|». */
  swap: z.record(z.string(), z.string()),
  exceptions: z.array(z.string()).default([]),
});

export const consistencyRule = z.object({
  ...common,
  type: z.literal('consistency'),
  groups: z.array(
    z.object({
      terms: z.array(z.string()).min(2),
      /** Count a term only after one of these words («ваше обращение», «ваше заявление»). */
      after: z.array(z.string()).optional(),
    }),
  ),
});

export const conditionalRule = z.object({
  ...common,
  type: z.literal('conditional'),
  /** What needs a definition; the whole match is the key. */
  first: z.string(),
  /** The definition; `$0` stands for the escaped key. */
  second: z.string(),
  exceptions: z.array(z.string()).default([]),
});

export const occurrenceRule = z.object({
  ...common,
  type: z.literal('occurrence'),
  pattern: z.string(),
  scope: z.enum(['text', 'paragraph', 'sentence']).default('text'),
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().nonnegative().optional(),
});

export const metricRule = z.object({
  ...common,
  type: z.literal('metric'),
  metric: z.enum(['sentence-words', 'text-chars']),
  max: z.number().int().positive(),
});

export const ruleFile = z.discriminatedUnion('type', [
  existenceRule,
  substitutionRule,
  consistencyRule,
  conditionalRule,
  occurrenceRule,
  metricRule,
]);

export type RuleFile = z.infer<typeof ruleFile>;
export type RuleFileInput = z.input<typeof ruleFile>;
export type ExistenceRule = z.infer<typeof existenceRule>;
export type SubstitutionRule = z.infer<typeof substitutionRule>;
export type ConsistencyRule = z.infer<typeof consistencyRule>;
export type ConditionalRule = z.infer<typeof conditionalRule>;
export type OccurrenceRule = z.infer<typeof occurrenceRule>;
export type MetricRule = z.infer<typeof metricRule>;
export type TermEntry = z.infer<typeof termEntry>;
