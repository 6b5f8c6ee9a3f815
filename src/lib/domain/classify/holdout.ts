import { predict, type BayesModel, type Sample } from './bayes';

/** A stable pseudo-random rank for an appeal id (Knuth's multiplicative hash), so a split repeats. */
function rank(id: number): number {
  return Math.imul(id, 2654435761) >>> 0;
}

/**
 * Splits operator-confirmed appeals into training and held-out ones: `share` of them (rounded,
 * at least one when there are five or more) are kept out of training to measure the model. The
 * same appeals are held out at every training while the set does not change.
 */
export function holdOut<T extends { appealId: number }>(
  items: readonly T[],
  share: number,
): { train: T[]; held: T[] } {
  if (items.length < 5 || !(share > 0 && share < 1)) return { train: [...items], held: [] };
  const n = Math.max(1, Math.round(items.length * share));
  const order = [...items].sort(
    (a, b) => rank(a.appealId) - rank(b.appealId) || a.appealId - b.appealId,
  );
  const held = new Set(order.slice(0, n).map((i) => i.appealId));
  return {
    train: items.filter((i) => !held.has(i.appealId)),
    held: items.filter((i) => held.has(i.appealId)),
  };
}

/** Top-1 accuracy of a model on samples it was not trained on; null when there are none. */
export function accuracyOn(model: BayesModel, samples: readonly Sample[]): number | null {
  if (!samples.length) return null;
  const right = samples.filter((s) => predict(model, s.text)?.label === s.label).length;
  return right / samples.length;
}
