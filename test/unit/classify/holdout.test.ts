import { describe, expect, it } from 'vitest';
import { train } from '../../../src/lib/domain/classify/bayes';
import { accuracyOn, holdOut } from '../../../src/lib/domain/classify/holdout';

const items = Array.from({ length: 50 }, (_, i) => ({
  appealId: i + 1,
  text: `t${i}`,
  label: 'a',
}));

describe('held-out confirmed appeals (issue 10)', () => {
  it('holds out the share asked for, the same appeals every time, none in both parts', () => {
    const a = holdOut(items, 0.2);
    expect(a.held).toHaveLength(10);
    expect(a.train).toHaveLength(40);
    expect(a.held.filter((h) => a.train.includes(h))).toEqual([]);
    expect(
      holdOut([...items].reverse(), 0.2)
        .held.map((h) => h.appealId)
        .sort(),
    ).toEqual(a.held.map((h) => h.appealId).sort());
    // Not simply the first or the last appeals.
    expect(a.held.map((h) => h.appealId)).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('holds out nothing from fewer than five appeals, at least one from five', () => {
    expect(holdOut(items.slice(0, 4), 0.2).held).toEqual([]);
    expect(holdOut(items.slice(0, 5), 0.2).held).toHaveLength(1);
  });

  it('measures top-1 accuracy on samples the model never saw', () => {
    const model = train([
      { text: 'зачисление в первый класс школа', label: 'school' },
      { text: 'приём в школу первый класс', label: 'school' },
      { text: 'апостиль на диплом', label: 'apostille' },
      { text: 'проставить апостиль на аттестат', label: 'apostille' },
    ]);
    expect(
      accuracyOn(model, [
        { text: 'зачисление в школу', label: 'school' },
        { text: 'апостиль на аттестат', label: 'apostille' },
        { text: 'апостиль', label: 'school' },
      ]),
    ).toBeCloseTo(2 / 3);
    expect(accuracyOn(model, [])).toBeNull();
  });
});
