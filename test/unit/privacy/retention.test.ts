import { describe, expect, it } from 'vitest';
import {
  ANON_TEXT,
  retentionCutoff,
  scrubAnswers,
  scrubMeta,
  validRetentionYears,
} from '../../../src/lib/domain/privacy/retention';

describe('retention rules (152-FZ art. 5 p. 7)', () => {
  it('counts whole calendar years back from now', () => {
    expect(retentionCutoff(new Date('2031-03-02T09:00:00Z'), 5).toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
    // 29 February falls to 1 March in a year without it.
    expect(retentionCutoff(new Date('2028-02-29T00:00:00Z'), 1).toISOString()).toBe(
      '2027-03-01T00:00:00.000Z',
    );
  });

  it('accepts whole years from 1 to 75 only', () => {
    expect(validRetentionYears('5')).toBe(5);
    expect(validRetentionYears(75)).toBe(75);
    for (const bad of ['0', '76', '2.5', '', 'пять', null, -1]) {
      expect(validRetentionYears(bad), String(bad)).toBeNull();
    }
  });

  it('keeps the checklist scores and status codes of meta, drops addresses and texts', () => {
    const scrubbed = scrubMeta({
      style: { score: 92, warn: 1, info: 0, note: 'Иванова' },
      overrides: [{ rule: 'r', text: 'Мария Петровна', reason: 'имя' }],
      from: 'ivanova@mail.example',
      to: 'open',
      headers: { 'reply-to': 'x@y.z' },
      form: 'school',
      language: 'ru',
      messageId: '<abc@mail.example>',
    });
    expect(scrubbed).toEqual({
      style: { score: 92, warn: 1, info: 0 },
      to: 'open',
      form: 'school',
      language: 'ru',
      anonymized: true,
    });
  });

  it('replaces written survey answers and keeps ratings', () => {
    expect(
      scrubAnswers({ rating: 4, why: 'Сотрудник Петров грубил', ok: true }, new Set(['why'])),
    ).toEqual({
      rating: 4,
      why: ANON_TEXT,
      ok: true,
    });
  });
});
