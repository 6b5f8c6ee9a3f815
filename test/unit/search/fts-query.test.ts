import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../../src/lib/domain/search/fts-query';

/** Quoted strings of letters and digits joined by AND, optional OR groups, a prefix at the end. */
const TERM = String.raw`(?:"[\p{L}\p{Nd} ]+"|\("[\p{L}\p{Nd}]+" OR "[\p{L}\p{Nd}]+"\))`;
const SAFE = new RegExp(String.raw`^(?:${TERM} AND )*"[\p{L}\p{Nd} ]+"\*$`, 'u');

describe('ftsQuery', () => {
  it('requires every word, stemmed, and the last one as a prefix', () => {
    expect(ftsQuery('школ пособие')).toBe('"школ" AND "пособ"*');
    expect(ftsQuery('школы пособие')).toBe('("школ" OR "школы") AND "пособ"*');
    expect(ftsQuery('Заявлением')).toBe('"заявлен"*');
  });

  it('matches the last word whole (by its stem) when asked, for the inbox’s first try', () => {
    expect(ftsQuery('школы', false)).toBe('("школ" OR "школы")');
    expect(ftsQuery('детский сад', false)).toBe('("детск" OR "детский") AND "сад"');
  });

  it('also accepts the word as typed when its stem differs, so «Иванов» finds «Иванова»', () => {
    expect(ftsQuery('Иванов пособие')).toBe('("иван" OR "иванов") AND "пособ"*');
  });

  it('keeps the parts of an appeal number together as a phrase', () => {
    expect(ftsQuery('2026-000123')).toBe('"2026 000123"*');
  });

  it('searches an e-mail address, whole or its beginning, as one word', () => {
    expect(ftsQuery('Ivan.Petrov@Mail.ru справка')).toBe('"ivanpetrovmailru" AND "справк"*');
    expect(ftsQuery('ivan.petrov@mail.ru', false)).toBe('"ivanpetrovmailru"');
    expect(ftsQuery('ivan.petrov@ma')).toBe('"ivanpetrovma"*');
  });

  it('searches a phone number however it is written by its national number', () => {
    for (const q of ['8 (912) 345-67-89', '+7 912 345 67 89', '9123456789']) {
      expect(ftsQuery(q), q).toBe('"9123456789"*');
    }
  });

  it('returns null when nothing is searchable', () => {
    for (const q of ['', '   ', '"', '***', '- ( ) :', 'и в на по', '—'])
      expect(ftsQuery(q), q).toBeNull();
  });

  it('folds «ё», repeats and very long queries', () => {
    expect(ftsQuery('Ёлка ёлка')).toBe('"елк"*');
    const long = ftsQuery(Array.from({ length: 40 }, (_, i) => `слово${i}`).join(' '));
    expect(long?.split(' AND ')).toHaveLength(10);
  });

  it.each([
    ['"школа', '"школ"*'],
    ['школа"', '"школ"*'],
    ['"школ OR пособие"', '"школ" AND "or" AND "пособ"*'],
    ['школ*', '"школ"*'],
    ['* школа', '"школ"*'],
    ['NEAR(школа пособие)', '"near школ" AND "пособ"*'],
    ['школ NOT пособие', '"школ" AND "not" AND "пособ"*'],
    ['-школа', '"школ"*'],
    ['(школ) AND (пособие', '"школ" AND "and" AND "пособ"*'],
    ['body:школа', '"body школ"*'],
    ['^школа', '"школ"*'],
    ["'); drop table appeals; --", '"drop" AND "table" AND "appeals"*'],
  ])('turns FTS5 syntax into plain words: %s', (input, expected) => {
    expect(ftsQuery(input)).toBe(expected);
  });

  it('always yields quoted words only, whatever the input', () => {
    const alphabet =
      'аяёЁzZ09"\'*()-+^:{}[]<>,.;!?\\/@#$%&|~`_ \t\nORNEARANDNOT\u0301\u00ad\u200b²½ǅ';
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 30);
      const input = Array.from(
        { length },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const q = ftsQuery(input);
      if (q !== null) expect(q, JSON.stringify(input)).toMatch(SAFE);
    }
  });
});
