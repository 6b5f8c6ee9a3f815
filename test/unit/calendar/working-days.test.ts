import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  moscowDate,
  PUBLICATION_WORKING_DAYS,
  publicationDue,
  workingDaysBetween,
} from '../../../src/lib/domain/calendar/working-days';

describe('working days', () => {
  it('knows working Saturdays and transferred days off', () => {
    expect(isWorkingDay('2024-12-28')).toBe(true);
    expect(isWorkingDay('2025-01-08')).toBe(false);
    expect(isWorkingDay('2025-01-09')).toBe(true);
    expect(isWorkingDay('2025-01-11')).toBe(false);
  });

  it('applies the admin’s overrides in both directions', () => {
    expect(isWorkingDay('2025-01-08', { '2025-01-08': 'working' })).toBe(true);
    expect(isWorkingDay('2025-07-01', new Map([['2025-07-01', 'holiday' as const]]))).toBe(false);
  });

  it('adds working days after the start day', () => {
    expect(addWorkingDays('2025-03-06', 1)).toBe('2025-03-07');
    expect(addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(addWorkingDays('2024-12-27', 1)).toBe('2024-12-28');
    expect(addWorkingDays('2024-12-28', 1)).toBe('2025-01-09');
    expect(addWorkingDays('2025-01-09', -1)).toBe('2024-12-28');
    expect(addWorkingDays('2025-01-01', 0)).toBe('2025-01-01');
  });

  it('counts working days in (a, b], the inverse of addWorkingDays', () => {
    expect(workingDaysBetween('2024-12-27', '2025-01-09')).toBe(2);
    expect(workingDaysBetween('2025-01-09', '2024-12-27')).toBe(-2);
    expect(workingDaysBetween('2025-05-05', '2025-05-05')).toBe(0);
    for (const [start, n] of [
      ['2025-04-28', 7],
      ['2025-12-26', 10],
      ['2026-02-20', 3],
      ['2024-04-26', 4],
    ] as const) {
      expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });

  it('counts an override inside the span', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-10')).toBe(5);
    expect(workingDaysBetween('2025-03-03', '2025-03-10', { '2025-03-05': 'holiday' })).toBe(4);
  });
});

describe('the Moscow date of an instant', () => {
  it('turns UTC instants into the date in Europe/Moscow (UTC+3)', () => {
    expect(moscowDate('2024-12-27T20:59:59Z')).toBe('2024-12-27');
    expect(moscowDate('2024-12-27T21:00:00Z')).toBe('2024-12-28');
    expect(moscowDate('2025-06-30T23:30:00+03:00')).toBe('2025-06-30');
    expect(moscowDate(new Date(Date.UTC(2025, 11, 31, 22)))).toBe('2026-01-01');
  });

  it('rejects what is not an instant', () => {
    expect(() => moscowDate('вчера')).toThrow(RangeError);
  });
});

describe('publication deadline: approval + 10 working days (seed 000 §6.5, seed 004 §31)', () => {
  it('is ten working days', () => {
    expect(PUBLICATION_WORKING_DAYS).toBe(10);
    expect(publicationDue('2025-03-03T09:00:00Z')).toBe('2025-03-17');
  });

  it('runs over the New Year holidays 2025/26 and the transferred 9 January', () => {
    expect(publicationDue('2025-12-26T10:00:00Z')).toBe('2026-01-21');
  });

  it('counts from the Moscow date: late on 27 Dec 2024 UTC is already the working Saturday 28th', () => {
    expect(publicationDue('2024-12-27T20:00:00Z')).toBe('2025-01-21');
    expect(publicationDue('2024-12-27T22:00:00Z')).toBe('2025-01-22');
  });

  it('moves with the admin’s calendar', () => {
    expect(publicationDue('2025-03-03T09:00:00Z', { '2025-03-05': 'holiday' })).toBe('2025-03-18');
  });
});
