import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/lib/domain/style/checker';
import { score, SEVERITY_WEIGHTS } from '../../../src/lib/domain/style/score';
import { stripSwitches } from '../../../src/lib/domain/style/switches';
import type { Finding } from '../../../src/lib/domain/style/types';
import { checkerWith, testChecker } from './checker-instance';

let checker: Checker;
beforeAll(async () => {
  checker = await testChecker();
});

const fragment = { fragment: true };

describe('findings', () => {
  it('carry rule, category, severity, offsets, message, suggestion and clause', () => {
    const text = 'Скиньте копию паспорта.';
    const [f] = checker.check(text, fragment).findings;
    expect(f).toEqual({
      rule: 'jargon.colloquial',
      category: 'jargon',
      severity: 'block',
      start: 0,
      end: 7,
      text: 'Скиньте',
      message: '«Скиньте» — жаргон или просторечие: замените на «Пришлите», «Отправьте»',
      suggestion: 'Пришлите',
      clause: 'seed 000 §3.5; seed 002 §3.2',
    });
  });

  it('offsets always point at the text they name', () => {
    const text = 'Уважаемый Иван!\nЩас глянем ваш кейс ,данный вопрос решим (наверное.\n';
    for (const f of checker.check(text).findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('put a one-word suggestion in the form of the word it replaces', () => {
    const f = checker.check('Данного вопроса мы не касались.', fragment).findings;
    expect(f.find((x) => x.rule === 'bureaucratese.phrases')?.suggestion).toBe('Этого');
  });
});

describe('score: 10 × (1 − weighted findings ÷ words)³', () => {
  const finding = (severity: Finding['severity']) => ({ severity }) as Finding;

  it('is 10 without findings and falls with their weight', () => {
    expect(score([], 50)).toBe(10);
    expect(score([finding('warn')], 100)).toBe(9.7);
    expect(score([finding('block')], 100)).toBe(9.1);
    expect(score([finding('info')], 100)).toBe(9.9);
    expect(SEVERITY_WEIGHTS).toEqual({ block: 3, warn: 1, info: 0.25 });
  });

  it('is clamped at 0', () => {
    expect(score([finding('block'), finding('block')], 4)).toBe(0);
  });
});

describe('options', () => {
  const short = 'Уважаемый Иван Петрович! Приходите в среду.';

  it('--fragment skips greeting, survey link, structure and length', () => {
    const whole = checker.check('Приходите в среду.').findings.map((f) => f.category);
    expect(whole).toEqual(expect.arrayContaining(['greeting', 'survey-link']));
    expect(checker.check('Приходите в среду.', fragment).findings).toEqual([]);
  });

  it('a configured survey address is the only link that counts', () => {
    const text = `${short} Оцените ответ: https://opros.kursk.ru/edu`;
    expect(checker.check(text).findings).toEqual([]);
    const other = checker.check(text, { surveyUrl: 'https://pos.gosuslugi.ru/form/123' });
    expect(other.findings.map((f) => f.category)).toEqual(['survey-link']);
  });

  it('rejects an unknown profile', () => {
    expect(() => checker.check(short, { profile: 'nobody' })).toThrow(/unknown profile/);
  });
});

describe('profiles by client segment (seed 000 §3.5, seed 003 §2.6.3)', () => {
  const text = 'Дедлайн подачи заявки в ЕПГУ — 1 марта.';

  it('for a general reader, foreign words and abbreviations warn', () => {
    const f = checker.check(text, fragment).findings;
    expect(f.map((x) => [x.category, x.severity])).toEqual([
      ['foreign', 'warn'],
      ['abbreviation', 'warn'],
    ]);
  });

  it('for plain language, they block and sentences are shorter', () => {
    const f = checker.check(text, { ...fragment, profile: 'plain' }).findings;
    expect(f.every((x) => x.severity === 'block')).toBe(true);
    const long =
      'Мы приглашаем вас и вашего сына на открытое занятие секции плавания в спортивной школе в субботу утром.';
    expect(checker.check(long, fragment).findings).toEqual([]);
    const plain = checker.check(long, { ...fragment, profile: 'plain' }).findings;
    expect(plain.map((x) => x.category)).toEqual(['long-sentence']);
  });

  it('for an organisation, legal and agricultural terms and their abbreviations pass', () => {
    const farm = 'Главы КФХ приложат правоустанавливающие документы на землю.';
    expect(checker.check(farm, fragment).findings.map((x) => x.category)).toEqual([
      'abbreviation',
      'term',
    ]);
    expect(checker.check(farm, { ...fragment, profile: 'organisation' }).findings).toEqual([]);
  });
});

describe('inline switches', () => {
  it('silence a rule for a span and report what they silenced', () => {
    const text = 'Приходите <!-- style-off foreign -->на ивент<!-- style-on --> и на ивент.';
    const result = checker.check(text, fragment);
    expect(result.findings.map((f) => f.text)).toEqual(['ивент']);
    expect(result.findings[0]!.start).toBe(text.lastIndexOf('ивент'));
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0]).toMatchObject({ rule: 'foreign.anglicisms', switchAt: 10 });
    expect(stripSwitches(text)).toBe('Приходите на ивент и на ивент.');
  });

  it('without names silence every rule until the end', () => {
    const result = checker.check('<!-- style-off -->Щас глянем.', fragment);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => f.category)).toEqual(['jargon', 'jargon']);
  });
});

describe('agency lexicon', () => {
  it('accepts words, bans words and prefers terms', async () => {
    const c = await checkerWith({
      lexicon: {
        accepted: ['Сосновка', 'ЦОКО'],
        banned: [{ term: 'бюрократ', category: 'aggression', severity: 'block' }],
        preferred: [{ term: 'Госуслуги', instead: ['ЕПГУ'] }],
      },
    });
    expect(c.rejected).toEqual([]);
    expect(c.check('Итоги ЦОКО опубликованы в Сосновке.', fragment).findings).toEqual([]);
    const banned = c.check('Какой бюрократ это придумал?', fragment).findings;
    expect(banned.map((f) => [f.category, f.severity])).toEqual([['aggression', 'block']]);
    const preferred = c.check('Подайте заявление через ЕПГУ.', fragment).findings;
    expect(preferred.find((f) => f.rule === 'consistency.agency-terms')?.suggestion).toBe(
      'Госуслуги',
    );
  });
});
