import { describe, expect, it } from 'vitest';
import data from '../../../src/lib/domain/calendar/data/ru-2024-2027.json';
import { addDays } from '../../../src/lib/domain/calendar/dates';
import {
  CALENDAR_YEARS,
  calendarYear,
  describeDay,
} from '../../../src/lib/domain/calendar/production-calendar';

function workingDays(year: number) {
  let n = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    if (describeDay(d).working) n++;
  }
  return n;
}

describe('the shipped production calendar', () => {
  it('covers 2024–2027', () => {
    expect(CALENDAR_YEARS).toEqual([2024, 2025, 2026, 2027]);
  });

  it.each([
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('counts %i working days in %i as the government decree does', (year, total) => {
    expect(workingDays(year)).toBe(total);
    expect(calendarYear(year)?.workingDaysTotal).toBe(total);
    expect(calendarYear(year)?.status).toBe('approved');
  });

  it('marks 2027 as provisional until its transfer decree is entered', () => {
    expect(calendarYear(2027)?.status).toBe('provisional');
    expect(workingDays(2027)).toBe(calendarYear(2027)?.workingDaysTotal);
    expect(data.note).toMatch(/2027 год предварительный/);
  });

  it.each(['2024-04-27', '2024-11-02', '2024-12-28', '2025-11-01'])(
    'has %s as a working Saturday',
    (date) => {
      expect(describeDay(date)).toMatchObject({ working: true, type: 'workingWeekend' });
    },
  );

  it.each([
    ['2024-04-29', 'transferredDayOff'],
    ['2024-04-30', 'transferredDayOff'],
    ['2024-05-10', 'transferredDayOff'],
    ['2024-12-30', 'transferredDayOff'],
    ['2024-12-31', 'transferredDayOff'],
    ['2025-01-08', 'holiday'],
    ['2025-05-02', 'transferredDayOff'],
    ['2025-05-08', 'transferredDayOff'],
    ['2025-06-13', 'transferredDayOff'],
    ['2025-11-03', 'transferredDayOff'],
    ['2025-12-31', 'transferredDayOff'],
    ['2026-01-09', 'transferredDayOff'],
    ['2026-02-23', 'holiday'],
    ['2026-03-09', 'transferredDayOff'],
    ['2026-05-11', 'transferredDayOff'],
    ['2026-12-31', 'transferredDayOff'],
    ['2027-05-03', 'transferredDayOff'],
    ['2027-06-14', 'transferredDayOff'],
  ])('has %s off (%s)', (date, type) => {
    expect(describeDay(date)).toMatchObject({ working: false, type });
  });

  it('names holidays of Labour Code art. 112 and flags shortened pre-holiday days', () => {
    expect(describeDay('2025-01-07')).toMatchObject({
      holiday: 'Рождество Христово',
      working: false,
    });
    expect(describeDay('2024-06-12').holiday).toBe('День России');
    expect(describeDay('2025-03-07')).toMatchObject({ working: true, short: true });
    expect(describeDay('2025-03-06').short).toBe(false);
  });

  it('lets the admin’s override win over the shipped data', () => {
    expect(describeDay('2025-01-08', { '2025-01-08': 'working' })).toMatchObject({
      working: true,
      type: 'overrideWorking',
      holiday: 'Новогодние каникулы',
      override: 'working',
    });
    const overrides = new Map([['2025-07-01', 'holiday' as const]]);
    expect(describeDay('2025-07-01', overrides)).toMatchObject({
      working: false,
      type: 'overrideHoliday',
    });
  });

  it('falls back to weekends and art. 112 holidays outside the covered years', () => {
    expect(describeDay('2028-01-03')).toMatchObject({
      working: false,
      covered: false,
      type: 'holiday',
    });
    expect(describeDay('2028-01-10')).toMatchObject({ working: true, covered: false });
  });

  it('rejects what is not a YYYY-MM-DD date', () => {
    expect(() => describeDay('2025-02-30')).toThrow(RangeError);
    expect(() => describeDay('25.01.2025')).toThrow(RangeError);
  });
});
