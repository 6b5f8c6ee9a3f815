import { describe, expect, it } from 'vitest';
import { addDays, formatRuDate, isIsoDate } from '../../../src/lib/domain/calendar/dates';

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-13-01', '2026-02-29', '2026-04-31', '2026-1-01', '', '01.03.2026']) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });

  it('steps over month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('writes a date as Russian readers do', () => {
    expect(formatRuDate('2026-03-05')).toBe('05.03.2026');
  });
});
