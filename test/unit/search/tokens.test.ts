import { describe, expect, it } from 'vitest';
import { documentText, searchTokens } from '../../../src/lib/domain/search/tokens';

const stem = (word: string) => searchTokens(word)[0];

describe('Russian word forms meet on one stem', () => {
  it.each([
    ['заявление', ['заявления', 'заявлением', 'заявлений', 'заявлению', 'Заявление']],
    ['школа', ['школы', 'школе', 'школу', 'школой', 'школами']],
    ['пособие', ['пособия', 'пособий', 'пособием', 'пособиям']],
    ['спортивная', ['спортивной', 'спортивную', 'спортивные', 'спортивных']],
    ['секция', ['секции', 'секцию', 'секций', 'секциями']],
    ['обращение', ['обращения', 'обращений', 'обращением']],
    ['справка', ['справки', 'справку', 'справкой']],
    ['запись', ['записи', 'записью', 'записей', 'записями']],
    ['подпись', ['подписи', 'подписью']],
    ['льгота', ['льготы', 'льготе', 'льгот']],
  ])('%s', (base, forms) => {
    for (const form of forms) expect(stem(form), form).toBe(stem(base));
  });

  it('does not merge different words', () => {
    expect(stem('школа')).not.toBe(stem('шкаф'));
    expect(stem('пособие')).not.toBe(stem('пособник'));
    expect(stem('заявление')).not.toBe(stem('заявка'));
  });

  it('folds «ё» into «е» and ignores case', () => {
    expect(searchTokens('Ёлка ЁЛКИ елка')).toEqual(['елк', 'елк', 'елк']);
    expect(stem('ребёнка')).toBe(stem('ребенка'));
    expect(stem('Пётр')).toBe('петр');
  });
});

describe('searchTokens', () => {
  it('drops one-letter words and function words, keeps the rest in order', () => {
    expect(searchTokens('Прошу записать ребёнка в секцию и на кружок по шахматам')).toEqual([
      'прош',
      'записа',
      'ребенк',
      'секц',
      'кружок',
      'шахмат',
    ]);
  });

  it('keeps appeal numbers, digits and Latin words as they are', () => {
    expect(searchTokens('Обращение № 2026-000123 от Ivan.Petrov@Mail.ru, школа 12')).toEqual([
      'обращен',
      '2026',
      '000123',
      'ivan',
      'petrov',
      'mail',
      'ru',
      'школ',
      '12',
    ]);
  });

  it('keeps mixed tokens whole and splits on punctuation and symbols', () => {
    expect(searchTokens('СНИЛС123; «кружок»—(шахматы)!')).toEqual(['снилс123', 'кружок', 'шахмат']);
  });

  it('returns nothing for text without words', () => {
    expect(searchTokens('  — , ! 7 я ')).toEqual([]);
  });
});

describe('documentText', () => {
  it('joins the stemmed tokens of every part with spaces', () => {
    expect(documentText(['Заявление на пособие', '', 'Иванова Мария'])).toBe(
      'заявлен пособ иванов мар',
    );
  });
});
