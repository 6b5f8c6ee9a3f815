import { crossValidate } from '../../src/lib/domain/classify/bayes';
import { loadLabelledSet } from '../../src/lib/server/classify/labelled-set';

/** Issue 10: top-1 topic accuracy of the naive Bayes classifier, 5-fold cross-validation, target ≥ 0.85. */
const TARGET = 0.85;
const samples = loadLabelledSet();
const labels = new Set(samples.map((s) => s.label));
const started = performance.now();
const result = crossValidate(samples, 5);
const ms = performance.now() - started;
console.log(`labelled appeals: ${result.samples} over ${labels.size} processes`);
console.log(`folds: ${result.folds.map((f) => f.toFixed(3)).join(' ')}`);
console.log(
  `5-fold top-1 accuracy: ${result.accuracy.toFixed(3)} (target ≥ ${TARGET}), ${ms.toFixed(0)} ms`,
);
if (result.accuracy < TARGET) process.exitCode = 1;
