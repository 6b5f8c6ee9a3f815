import { describe, expect, it } from 'vitest';
import {
  appealDocument,
  type AppealSearchSource,
} from '../../../src/lib/domain/search/appeal-document';

const source = (over: Partial<AppealSearchSource> = {}): AppealSearchSource => ({
  number: '2026-000123',
  subject: 'Запись в спортивную секцию',
  client: { surname: 'Петрова', firstName: 'Анна', patronymic: null, organization: null },
  contacts: ['a.petrova@mail.ru', '+79123456789'],
  interactions: [
    { subject: 'Запись в спортивную секцию', text: 'Прошу записать сына в секцию плавания.' },
    { subject: null, text: 'Ответ: запись открыта с 1 сентября.' },
  ],
  ...over,
});

describe('appealDocument', () => {
  it('holds number, subject, client, contacts and texts once each', () => {
    const doc = appealDocument(source());
    expect(doc.body.split(' ')).toEqual(
      expect.arrayContaining([
        '2026',
        '000123',
        'запис',
        'спортивн',
        'секц',
        'петров',
        'ан',
        'плаван',
      ]),
    );
    expect(doc.body.match(/спортивн/g)).toHaveLength(1);
    expect(doc.text).toContain('2026-000123');
    expect(doc.text).not.toMatch(/[А-ЯЁ]/);
  });

  it('indexes phones also by their national number and splits e-mails into words', () => {
    const doc = appealDocument(source());
    expect(doc.extras.split(' ')).toEqual(
      expect.arrayContaining(['petrova', 'mail', 'ru', '79123456789', '9123456789']),
    );
    expect(doc.body).toContain('9123456789');
  });

  it('indexes each e-mail address, of the client or in a text, also as one word', () => {
    const doc = appealDocument(
      source({
        interactions: [
          { subject: null, text: 'Копию прошу направить на Sekretar@School12.Edu.ru.' },
        ],
      }),
    );
    expect(doc.body.split(' ')).toEqual(
      expect.arrayContaining(['apetrovamailru', 'sekretarschool12eduru']),
    );
    expect(doc.text.split(/\s/)).toEqual(expect.arrayContaining(['apetrovamailru']));
  });

  it('names an organisation client by the organisation', () => {
    const doc = appealDocument(
      source({
        client: { surname: null, firstName: null, patronymic: null, organization: 'ООО «Ромашка»' },
      }),
    );
    expect(doc.body.split(' ')).toContain('ромашк');
  });

  it('keeps the document bounded and cuts between words', () => {
    const long = 'обращение '.repeat(10_000);
    const doc = appealDocument(source({ interactions: [{ subject: null, text: long }] }), 5_000);
    expect(doc.text.length).toBeLessThanOrEqual(5_000);
    expect(doc.text.endsWith('обращение')).toBe(true);
    expect(doc.body.length).toBeLessThanOrEqual(5_000);
  });
});
