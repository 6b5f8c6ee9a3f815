import { describe, expect, it } from 'vitest';
import {
  INFORMATION_ACCESS_QUESTIONNAIRE,
  REPLY_QUESTIONNAIRE,
} from '../../../src/lib/domain/surveys/defaults';
import {
  answersToRaw,
  parseQuestions,
  plainText,
  questionnaireProblems,
  validateAnswers,
  type Question,
} from '../../../src/lib/domain/surveys/questionnaire';

const reply = REPLY_QUESTIONNAIRE.questions;

describe('a reply survey answer (issue 12: 1–5, resolved, optional comment)', () => {
  it('takes a complete answer and fills the rating, resolved and comment columns', () => {
    const r = validateAnswers(
      reply,
      {
        rating: ['2'],
        resolved: ['no'],
        comment: ['  Долго ждал ответа\r\nи ответ не по существу '],
      },
      2000,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        answers: {
          rating: 2,
          resolved: false,
          comment: 'Долго ждал ответа\nи ответ не по существу',
        },
        rating: 2,
        resolved: 0,
        comment: 'Долго ждал ответа\nи ответ не по существу',
      },
    });
  });

  it('the comment is optional; an empty one is stored as nothing', () => {
    const r = validateAnswers(reply, { rating: ['5'], resolved: ['yes'], comment: ['   '] }, 2000);
    expect(r.ok && r.value).toMatchObject({ rating: 5, resolved: 1, comment: null });
  });

  it('names each problem: rating outside 1–5, missing yes/no, comment over the limit', () => {
    for (const bad of ['0', '6', '3.5', 'пять', '']) {
      const r = validateAnswers(reply, { rating: [bad], resolved: ['yes'] }, 2000);
      expect(r.ok ? null : r.problems[0]!.field).toBe('rating');
    }
    const r = validateAnswers(
      reply,
      { rating: ['4'], resolved: ['maybe'], comment: ['я'.repeat(11)] },
      10,
    );
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'resolved', message: 'surveys.answer.yesno' },
      { field: 'comment', message: 'surveys.answer.tooLong', params: { max: 10 } },
    ]);
  });

  it('strips control and direction-override characters from free text (stored as plain text)', () => {
    expect(plainText('a\u0000b\u0007c\u202Ed\u200Be\tf\r\ng\u0085')).toBe('abcde\tf\ng');
    // Markup is kept as the characters typed: it is shown as text, never as HTML.
    expect(plainText('<b>жирный</b>')).toBe('<b>жирный</b>');
  });

  it('a saved answer goes back into the form as it was given', () => {
    const r = validateAnswers(reply, { rating: ['3'], resolved: ['yes'], comment: ['Норм'] }, 100);
    expect(r.ok && answersToRaw(reply, r.value.answers)).toEqual({
      rating: ['3'],
      resolved: ['yes'],
      comment: ['Норм'],
    });
  });
});

describe('choices', () => {
  const sources: Question = {
    key: 'sources',
    kind: 'choice',
    label: 'Источники',
    options: ['Сайт', 'Телеграм', 'Другое (укажите)'],
    multiple: true,
    other: true,
    required: true,
  };
  const single: Question = { ...sources, key: 'one', multiple: false, other: false };

  it('several options where allowed, with the «other» text kept only when «other» is chosen', () => {
    const r = validateAnswers(
      [sources],
      { sources: ['Сайт', 'Другое (укажите)'], sources__other: ['Чат школы'] },
      100,
    );
    expect(r.ok && r.value.answers).toEqual({
      sources: ['Сайт', 'Другое (укажите)'],
      sources__other: 'Чат школы',
    });
    const without = validateAnswers([sources], { sources: ['Сайт'], sources__other: ['x'] }, 100);
    expect(without.ok && without.value.answers).toEqual({ sources: ['Сайт'] });
  });

  it('refuses options that were not offered and a second pick in a one-answer question', () => {
    expect(validateAnswers([single], { one: ['Газета'] }, 100)).toMatchObject({ ok: false });
    expect(validateAnswers([single], { one: ['Сайт', 'Телеграм'] }, 100)).toMatchObject({
      ok: false,
    });
    expect(validateAnswers([single], {}, 100)).toEqual({
      ok: false,
      problems: [{ field: 'one', message: 'surveys.answer.required' }],
    });
  });
});

describe('what an editor may save', () => {
  it('both ready questionnaires are valid; the annex keeps all its 14 questions', () => {
    expect(questionnaireProblems(REPLY_QUESTIONNAIRE)).toEqual([]);
    expect(questionnaireProblems(INFORMATION_ACCESS_QUESTIONNAIRE)).toEqual([]);
    const keys = INFORMATION_ACCESS_QUESTIONNAIRE.questions.map((q) => q.key);
    // Questions 3–5 are tables asked resource by resource (4 rows each): 11 + 3 × 4 = 23.
    expect(keys).toHaveLength(23);
    expect(keys.filter((k) => /^q[345]_/.test(k))).toHaveLength(12);
  });

  it('the reply survey keeps a required 1–5 rating and the resolved question', () => {
    const base = { ...REPLY_QUESTIONNAIRE };
    const noRating = { ...base, questions: reply.filter((q) => q.key !== 'rating') };
    expect(questionnaireProblems(noRating).map((p) => p.message)).toEqual([
      'surveys.edit.replyRating',
    ]);
    const optional = {
      ...base,
      questions: reply.map((q) => (q.key === 'rating' ? { ...q, required: false } : q)),
    };
    expect(questionnaireProblems(optional).map((p) => p.message)).toEqual([
      'surveys.edit.replyRating',
    ]);
    // A public questionnaire has no such core.
    expect(questionnaireProblems({ ...noRating, kind: 'public' })).toEqual([]);
  });

  it('keys are unique latin codes; choices have at least two distinct options', () => {
    const q = (over: Partial<Question>): Question => ({
      key: 'x',
      kind: 'text',
      label: 'Вопрос',
      required: false,
      ...over,
    });
    const problems = questionnaireProblems({
      kind: 'public',
      title: '',
      intro: '',
      questions: [
        q({ key: 'вопрос' }),
        q({ key: 'a' }),
        q({ key: 'a' }),
        q({ key: 'c', kind: 'choice', options: ['Да'] }),
        q({ key: 'd', kind: 'choice', options: ['Да', 'Да'] }),
      ],
    });
    expect(problems.map((p) => p.message)).toEqual([
      'surveys.edit.titleRequired',
      'surveys.edit.badKey',
      'surveys.edit.duplicateKey',
      'surveys.edit.optionsCount',
      'surveys.edit.badOption',
    ]);
  });

  it('malformed stored questions are dropped, not thrown', () => {
    expect(parseQuestions('not json')).toEqual([]);
    expect(
      parseQuestions(
        '[{"key":"a","kind":"weird","label":"x"},{"key":"b","kind":"text","label":"y"}]',
      ),
    ).toEqual([{ key: 'b', kind: 'text', label: 'y' }]);
  });
});
