import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/lib/domain/templates/parse';
import { renderBody, toBodyRange } from '../../../src/lib/domain/templates/render';
import {
  longDate,
  positionInSentence,
  sampleValues,
  VARIABLES,
} from '../../../src/lib/domain/templates/variables';

describe('parsing variables (issue 9: an unknown variable is an error, not a blank)', () => {
  it('finds known variables, spaces inside the braces allowed', () => {
    const body = '{{client.firstNamePatronymic}}, здравствуйте! Номер: {{ appeal.number }}.';
    const { uses, problems } = parseBody(body);
    expect(problems).toEqual([]);
    expect(uses.map((u) => [u.name, body.slice(u.start, u.end)])).toEqual([
      ['client.firstNamePatronymic', '{{client.firstNamePatronymic}}'],
      ['appeal.number', '{{ appeal.number }}'],
    ]);
  });

  it('reports unknown names with the nearest known one, empty, unclosed and unopened braces', () => {
    const body =
      'Здравствуйте, {{client.firstname}}! {{}} Номер {{appeal.number\nСрок }} и {{foo}}';
    const { problems } = parseBody(body);
    expect(problems.map((p) => [p.code, p.text, p.suggestion])).toEqual([
      ['unknown', '{{client.firstname}}', 'client.firstNamePatronymic'],
      ['empty', '{{}}', undefined],
      ['unclosed', '{{appeal.number', undefined],
      ['unopened', '}}', undefined],
      ['unknown', '{{foo}}', undefined],
    ]);
  });

  it('every variable has a sample value and a stable dotted name', () => {
    const sample = sampleValues({
      agency: 'Минобрнауки',
      survey: 'https://s',
      tracking: 'https://t',
    });
    for (const v of VARIABLES) {
      expect(v).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(sample[v]).toBeTruthy();
    }
  });
});

describe('rendering', () => {
  it('fills values, leaves visible placeholders for missing ones and lists them', () => {
    const r = renderBody('{{client.firstNamePatronymic}}, ответим до {{appeal.answerDue}}.', {
      'client.firstNamePatronymic': 'Анна Петровна',
      'appeal.answerDue': null,
    });
    expect(r.text).toBe('Анна Петровна, ответим до [срок ответа].');
    expect(r.missing).toEqual(['appeal.answerDue']);
  });

  it('a date ending a sentence gets one full stop', () => {
    const r = renderBody('Ответим до {{appeal.answerDue}}.', {
      'appeal.answerDue': '10 апреля 2026 г.',
    });
    expect(r.text).toBe('Ответим до 10 апреля 2026 г.');
  });

  it('maps rendered ranges back to the body: inside a value to its variable, around it by shift', () => {
    const body = 'А {{client.fullName}} Б текст';
    const r = renderBody(body, { 'client.fullName': 'Иванова Мария Петровна' });
    const inValue = r.text.indexOf('Мария');
    expect(toBodyRange(r.spans, inValue, inValue + 5)).toEqual({
      start: body.indexOf('{{'),
      end: body.indexOf('}}') + 2,
    });
    const after = r.text.indexOf('текст');
    expect(toBodyRange(r.spans, after, after + 5)).toEqual({
      start: body.indexOf('текст'),
      end: body.indexOf('текст') + 5,
    });
    expect(toBodyRange(r.spans, 0, 1)).toEqual({ start: 0, end: 1 });
  });

  it('writes dates the Russian way on Moscow time and positions in lower case mid-sentence', () => {
    expect(longDate('2026-03-11T22:30:00Z')).toBe('12 марта 2026 г.');
    expect(positionInSentence('Консультант отдела')).toBe('консультант отдела');
    expect(positionInSentence('ГИБДД: инспектор')).toBe('ГИБДД: инспектор');
  });
});
