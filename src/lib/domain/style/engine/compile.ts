import type { Morphology } from '../morphology/morphology';
import { compileExistence, compileSubstitution } from './compile-lists';
import {
  compileConditional,
  compileConsistency,
  compileMetric,
  compileOccurrence,
} from './compile-structural';
import type { CompiledRule } from './context';
import type { RuleFile } from './rule-schema';

export function compileRule(rule: RuleFile, morph: Morphology): CompiledRule {
  switch (rule.type) {
    case 'existence':
      return compileExistence(rule, morph);
    case 'substitution':
      return compileSubstitution(rule, morph);
    case 'consistency':
      return compileConsistency(rule, morph);
    case 'conditional':
      return compileConditional(rule, morph);
    case 'occurrence':
      return compileOccurrence(rule);
    case 'metric':
      return compileMetric(rule);
  }
}
