import { describe, expect, it } from 'vitest';
import { tsQuery } from '../../../src/lib/domain/search/ts-query';

describe('tsQuery (PostgreSQL, stemmed by the database)', () => {
  it('joins every word with & and makes the last one a prefix', () => {
    expect(tsQuery('Заявление о школе')).toBe('заявление & школе:*');
    expect(tsQuery('2026-000123')).toBe('2026 & 000123:*');
    expect(tsQuery('Ёлка')).toBe('елка:*');
  });

  it('leaves the last word whole when asked', () => {
    expect(tsQuery('детский сад', false)).toBe('детский & сад');
  });

  it('searches a phone number by its national number', () => {
    expect(tsQuery('8 912 345-67-89')).toBe('9123456789:*');
  });

  it('searches an e-mail address as one word', () => {
    expect(tsQuery('ivan.petrov@mail.ru')).toBe('ivanpetrovmailru:*');
  });

  it('leaves no tsquery operator in the text', () => {
    expect(tsQuery("школа & !пособие | (справка) <-> 'x':* \\")).toBe(
      'школа & пособие & справка:*',
    );
    expect(tsQuery('!&|():*<->')).toBeNull();
  });
});
