import { describe, expect, it } from 'vitest';
import {
  dueAt,
  usedShare,
  type Pause,
  type Target,
  type WorkTime,
} from '../../../src/lib/domain/deadlines';

const office: WorkTime = { officeStart: 9 * 60, officeEnd: 18 * 60 };
const t = (amount: number, unit: Target['unit']): Target => ({ amount, unit });

// Office hours 09:00–18:00 Moscow (06:00–15:00 UTC). 2026: 9 March is a holiday (8 March fell on
// a Sunday, Labour Code art. 112 p. 2), 1–11 January are off; 2024: Saturday 27 April was a working day.
const cases: {
  name: string;
  start: string;
  target: Target;
  pauses?: Pause[];
  extension?: number;
  work?: WorkTime;
  due: string;
}[] = [
  {
    name: 'social network comment: 2 calendar hours (seed 001 §3.2.3)',
    start: '2026-03-06T10:00:00.000Z',
    target: t(2, 'calendar_hours'),
    due: '2026-03-06T12:00:00.000Z',
  },
  {
    name: 'calendar hours stop while waiting for the client',
    start: '2026-03-06T10:00:00.000Z',
    target: t(4, 'calendar_hours'),
    pauses: [{ from: '2026-03-06T11:00:00.000Z', to: '2026-03-06T12:30:00.000Z' }],
    due: '2026-03-06T15:30:00.000Z',
  },
  {
    name: 'working hours from Friday evening skip the weekend and the 9 March holiday',
    start: '2026-03-06T13:00:00.000Z',
    target: t(4, 'working_hours'),
    due: '2026-03-10T08:00:00.000Z',
  },
  {
    name: 'working hours from a message after closing start at the next opening',
    start: '2026-03-04T17:00:00.000Z',
    target: t(2, 'working_hours'),
    due: '2026-03-05T08:00:00.000Z',
  },
  {
    name: 'working hours ending exactly at closing time',
    start: '2026-03-02T06:00:00.000Z',
    target: t(9, 'working_hours'),
    due: '2026-03-02T15:00:00.000Z',
  },
  {
    name: 'working hours exclude office time paused',
    start: '2026-03-02T06:00:00.000Z',
    target: t(8, 'working_hours'),
    pauses: [{ from: '2026-03-02T07:00:00.000Z', to: '2026-03-02T09:00:00.000Z' }],
    due: '2026-03-03T07:00:00.000Z',
  },
  {
    name: 'registration within 3 working days skips the 9 March holiday',
    start: '2026-03-05T08:00:00.000Z',
    target: t(3, 'working_days'),
    due: '2026-03-11T20:59:59.999Z',
  },
  {
    name: '59-FZ answer: 30 days counted from the next day, to 24:00 Moscow',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    due: '2026-04-01T20:59:59.999Z',
  },
  {
    name: 'days are Moscow days: 01:30 MSK on 2 March counts from 2 March',
    start: '2026-03-01T22:30:00.000Z',
    target: t(30, 'calendar_days'),
    due: '2026-04-01T20:59:59.999Z',
  },
  {
    name: 'a last day on Saturday moves to Monday (Civil Code art. 193)',
    start: '2026-03-05T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    due: '2026-04-06T20:59:59.999Z',
  },
  {
    name: 'a last day in the New Year holidays moves past the transferred 9 January',
    start: '2025-12-05T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    due: '2026-01-12T20:59:59.999Z',
  },
  {
    name: 'a transferred working Saturday counts as a working day',
    start: '2024-04-26T09:00:00.000Z',
    target: t(1, 'working_days'),
    due: '2024-04-27T20:59:59.999Z',
  },
  {
    name: 'working hours run on a transferred working Saturday',
    start: '2024-04-26T14:00:00.000Z',
    target: t(3, 'working_hours'),
    due: '2024-04-27T08:00:00.000Z',
  },
  {
    name: 'working days move on by the working days paused',
    start: '2026-03-02T09:00:00.000Z',
    target: t(5, 'working_days'),
    pauses: [{ from: '2026-03-03T10:00:00.000Z', to: '2026-03-05T10:00:00.000Z' }],
    due: '2026-03-12T20:59:59.999Z',
  },
  {
    name: 'calendar days move on by the days paused',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    pauses: [{ from: '2026-03-10T10:00:00.000Z', to: '2026-03-12T08:00:00.000Z' }],
    due: '2026-04-03T20:59:59.999Z',
  },
  {
    name: '59-FZ art. 12 p. 2 extension by 30 days lands on 1 May, moved to 4 May',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    extension: 30,
    due: '2026-05-04T20:59:59.999Z',
  },
  {
    name: 'social network mention: 4 calendar hours run through the night and the weekend (seed 001 §3.2.3)',
    start: '2026-03-07T19:30:00.000Z',
    target: t(4, 'calendar_hours'),
    due: '2026-03-07T23:30:00.000Z',
  },
  {
    name: 'social network official appeal: 2 calendar hours on the 9 March holiday too',
    start: '2026-03-09T08:00:00.000Z',
    target: t(2, 'calendar_hours'),
    due: '2026-03-09T10:00:00.000Z',
  },
  {
    name: '59-FZ art. 8 p. 3 forwarding within 7 days of registration on a Thursday',
    start: '2026-03-05T08:00:00.000Z',
    target: t(7, 'calendar_days'),
    due: '2026-03-12T20:59:59.999Z',
  },
  {
    name: 'forwarding within 7 days: a last day on the 9 March holiday moves to 10 March',
    start: '2026-03-02T08:00:00.000Z',
    target: t(7, 'calendar_days'),
    due: '2026-03-10T20:59:59.999Z',
  },
  {
    name: '8-FZ art. 18 p. 4 oral request registered the same day, to 24:00 Moscow',
    start: '2026-03-04T12:00:00.000Z',
    target: t(0, 'calendar_days'),
    due: '2026-03-04T20:59:59.999Z',
  },
  {
    name: 'an oral request taken late on a day off is registered on the next working day',
    start: '2026-03-07T10:00:00.000Z',
    target: t(0, 'calendar_days'),
    due: '2026-03-10T20:59:59.999Z',
  },
  {
    name: '8-FZ art. 18 p. 6 notice of deferral within 7 days of registration',
    start: '2026-03-11T07:00:00.000Z',
    target: t(7, 'calendar_days'),
    due: '2026-03-18T20:59:59.999Z',
  },
  {
    name: '8-FZ deferral by 15 days beyond the 30-day answer',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    extension: 15,
    due: '2026-04-16T20:59:59.999Z',
  },
  {
    name: 'a 15-day deferral from a paused request adds the pause too',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    pauses: [{ from: '2026-03-03T09:00:00.000Z', to: '2026-03-05T09:00:00.000Z' }],
    extension: 15,
    due: '2026-04-20T20:59:59.999Z',
  },
  {
    name: 'an admin override making 1 April a day off moves the last day',
    start: '2026-03-02T09:00:00.000Z',
    target: t(30, 'calendar_days'),
    work: { ...office, overrides: { '2026-04-01': 'holiday' } },
    due: '2026-04-02T20:59:59.999Z',
  },
];

describe('deadline arithmetic', () => {
  it.each(cases)('$name', (c) => {
    expect(dueAt(c.start, c.target, c.work ?? office, c.pauses ?? [], c.extension ?? 0)).toBe(
      c.due,
    );
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => dueAt('2026-03-02T09:00:00Z', t(-1, 'calendar_days'), office)).toThrow();
    expect(() => dueAt('2026-03-02T09:00:00Z', t(1.5, 'working_days'), office)).toThrow();
  });

  it('measures the share of time used without the pauses', () => {
    const start = '2026-03-02T00:00:00.000Z';
    const due = '2026-03-02T10:00:00.000Z';
    expect(usedShare(start, due, '2026-03-02T08:00:00.000Z')).toBeCloseTo(0.8);
    expect(usedShare(start, due, '2026-03-02T12:00:00.000Z')).toBeCloseTo(1.2);
    expect(usedShare(start, due, '2026-03-02T06:00:00.000Z', 2 * 3_600_000)).toBeCloseTo(0.5);
  });
});
