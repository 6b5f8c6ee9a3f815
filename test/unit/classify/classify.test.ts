import { describe, expect, it } from 'vitest';
import {
  matchKeywordRule,
  predict,
  priorityFrom,
  readMood,
  train,
  type KeywordRule,
} from '../../../src/lib/domain/classify';
import { leastOpen, pickRoute, roundRobin } from '../../../src/lib/domain/classify/routing';

const rule = (id: number, keyword: string): KeywordRule => ({
  id,
  keyword,
  processId: id,
  processName: `P${id}`,
  priority: null,
});

describe('keyword rules (issue 10)', () => {
  it('match by stem and in the admin order; a phrase needs consecutive words', () => {
    const rules = [rule(1, 'первый класс'), rule(2, 'зачисление')];
    expect(matchKeywordRule('О зачислении в школу', rules)?.rule.id).toBe(2);
    expect(matchKeywordRule('Зачисление в первый класс', rules)?.matched).toBe('первый класс');
    expect(matchKeywordRule('Первый раз пишу про класс', rules)).toBeNull();
  });
});

describe('mood and priority (seed 003 §2.6.2)', () => {
  it.each([
    ['Спасибо за оперативный ответ, всё отлично!', 'positive', 'normal'],
    ['Подскажите, какие документы нужны.', 'neutral', 'normal'],
    ['Возмутительно! Опять отказали, сплошная волокита.', 'negative', 'high'],
    ['Обращусь в прокуратуру, это позор.', 'negative', 'high'],
    ['Срочно нужна справка, завтра последний день.', 'neutral', 'urgent'],
  ] as const)('%s → %s, %s', (text, mood, priority) => {
    const m = readMood(text);
    expect(m.mood).toBe(mood);
    expect(priorityFrom(m)).toBe(priority);
  });
});

describe('naive Bayes', () => {
  it('learns topics from labelled letters', () => {
    const model = train([
      { text: 'Нужен апостиль на аттестат', label: 'a' },
      { text: 'Апостиль на диплом для Испании', label: 'a' },
      { text: 'Путёвка в летний лагерь для ребёнка', label: 'b' },
      { text: 'Когда путёвки в оздоровительный лагерь', label: 'b' },
    ]);
    expect(predict(model, 'Сколько стоит апостиль на диплом?')?.label).toBe('a');
    expect(predict(model, 'Лагерь на вторую смену')?.label).toBe('b');
    expect(predict(train([]), 'что угодно')).toBeNull();
  });
});

describe('routing', () => {
  const base = {
    processId: null,
    touchpointId: null,
    segment: null,
    priority: null,
    unitId: 1,
    userId: null,
  };
  it('takes the first matching rule by position', () => {
    const rules = [
      { ...base, id: 1, position: 2 },
      { ...base, id: 2, position: 1, segment: 'media' },
    ];
    const facts = { processId: 5, touchpointId: 3, segment: 'media', priority: 'normal' };
    expect(pickRoute(rules, facts)?.id).toBe(2);
    expect(pickRoute(rules, { ...facts, segment: 'citizen' })?.id).toBe(1);
  });
  it('picks least open work and takes turns', () => {
    expect(
      leastOpen([
        { userId: 3, open: 2 },
        { userId: 4, open: 1 },
        { userId: 2, open: 1 },
      ]),
    ).toBe(2);
    expect(roundRobin([5, 3, 9], null)).toBe(3);
    expect(roundRobin([5, 3, 9], 5)).toBe(9);
    expect(roundRobin([5, 3, 9], 9)).toBe(3);
    expect(roundRobin([], 1)).toBeNull();
  });
});
