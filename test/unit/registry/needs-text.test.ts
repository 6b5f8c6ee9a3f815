import { describe, expect, it } from 'vitest';
import { formatNeeds, matchNeed, matchNeeds } from '../../../src/lib/domain/registry/needs-text';
import { NEEDS, NEED_LABELS, type Need } from '../../../src/lib/domain/registry/vocabulary';

describe('matchNeed: free text of column 5 to a standard need', () => {
  it.each([
    ['получение консультации', 'consultation'],
    ['Консультирование', 'consultation'],
    ['Консультирование по телефону', 'consultation'],
    ['подача заявления', 'submit'],
    ['Подача заявлений и документов', 'submit'],
    ['Приём документов', 'submit'],
    ['Подача заявления через Госуслуги', 'submit'],
    ['1) Получение информации о ходе рассмотрения обращения;', 'information'],
    ['информирование', 'information'],
    ['Получение бланков заявлений', 'forms'],
    ['получение ответа на обращение', 'result'],
    ['Выдача результата предоставления услуги', 'result'],
    ['Предоставление объектов для осмотра', 'inspection'],
    ['оценка качества услуги', 'feedback'],
    ['Получение результата рассмотрения обратной связи', 'feedback_result'],
    ['получение ответа на отзыв', 'feedback_result'],
  ] as const)('«%s» → %s', (text, need) => {
    expect(matchNeed(text)).toBe(need);
  });

  it('recognises the wording of seed 000 §4.9 for each of the eight standard needs', () => {
    for (const need of NEEDS.filter((n) => n !== 'other')) {
      expect(matchNeed(NEED_LABELS[need]), need).toBe(need);
      expect(matchNeed(NEED_LABELS[need].toUpperCase()), need).toBe(need);
    }
  });

  it.each([
    'Запись на личный приём',
    'получение консультации о зачислении в кадетский класс',
    'Получение клиентом информации о разработанном проекте закона, размещение комментария к проекту',
    '',
    ' ; ',
  ])('leaves «%s» unmatched, so its detail is kept as «other»', (text) => {
    expect(matchNeed(text)).toBeNull();
  });
});

describe('matchNeeds: a whole column-5 cell', () => {
  it('maps each line to its code and keeps the rest as «other» with the text', () => {
    expect(
      matchNeeds('Консультирование;\nподача заявления\nЗапись на личный приём к министру'),
    ).toEqual({
      needs: ['consultation', 'submit', 'other'],
      needsOther: 'Запись на личный приём к министру',
    });
  });

  it('splits a line listing several standard needs, but not the order’s own wording', () => {
    expect(matchNeeds('Консультирование, подача заявления и получение результата')).toEqual({
      needs: ['consultation', 'submit', 'result'],
      needsOther: null,
    });
    expect(matchNeeds(NEED_LABELS.information)).toEqual({
      needs: ['information'],
      needsOther: null,
    });
  });

  it('drops an «Другое:» prefix and joins several unmatched items', () => {
    expect(matchNeeds('Другое: выдача пропуска\nЗапись на приём')).toEqual({
      needs: ['other'],
      needsOther: 'выдача пропуска; Запись на приём',
    });
  });

  it('gives no needs for an empty cell', () => {
    expect(matchNeeds('  \n ')).toEqual({ needs: [], needsOther: null });
  });
});

describe('formatNeeds: column 5 of the official form', () => {
  it('prints one need per line in the order of seed 000 §4.9, «other» as the agency’s text', () => {
    expect(formatNeeds(['result', 'other', 'consultation'], 'Запись на личный приём')).toBe(
      'Получение консультации;\nПолучение результата, ответа, разъяснения;\nЗапись на личный приём',
    );
  });

  it('reads back to the same codes and text', () => {
    const cases: [Need[], string | null][] = [
      [['information', 'submit', 'result', 'feedback'], null],
      [
        ['forms', 'inspection', 'feedback_result', 'other'],
        'Участие во внутренних обучающих семинарах',
      ],
      [[...NEEDS], 'Запись на приём; выдача пропуска'],
    ];
    for (const [needs, other] of cases) {
      expect(matchNeeds(formatNeeds(needs, other))).toEqual({ needs, needsOther: other });
    }
  });
});
