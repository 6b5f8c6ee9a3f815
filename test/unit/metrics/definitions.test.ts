import { describe, expect, it } from 'vitest';
import {
  BUCKET_BOUNDS,
  exactQuantile,
  histogramQuantile,
  bucketOf,
  emptyHistogram,
} from '../../../src/lib/domain/metrics/buckets';
import {
  acknowledgedAt,
  callFigures,
  deadlineOutcome,
  isRepeat,
  replyStyle,
  usedTemplate,
} from '../../../src/lib/domain/metrics/definitions';
import { WorkClock } from '../../../src/lib/domain/metrics/work-clock';
import { workingMsBetween, type WorkTime } from '../../../src/lib/domain/deadlines';
import { consecutiveRuns, mskDay, periodOf } from '../../../src/lib/domain/metrics/period';

const HOUR = 3_600_000;
const office: WorkTime = { officeStart: 9 * 60, officeEnd: 18 * 60 };

describe('working time of the figures', () => {
  // Office 09:00–18:00 Moscow = 06:00–15:00 UTC. 2026: 9 March is a holiday (8 March fell on a
  // Sunday), 1–11 January are off.
  const cases: [string, string, string, number][] = [
    ['same working day', '2026-03-03T07:00:00Z', '2026-03-03T09:30:00Z', 2.5 * HOUR],
    ['evening to next morning', '2026-03-03T14:00:00Z', '2026-03-04T07:00:00Z', 2 * HOUR],
    [
      'Friday 17:00 to Tuesday 10:00 over a weekend and the 9 March holiday',
      '2026-03-06T14:00:00Z',
      '2026-03-10T07:00:00Z',
      2 * HOUR,
    ],
    [
      'written at night, answered at 11:00',
      '2026-03-02T22:00:00Z',
      '2026-03-03T08:00:00Z',
      2 * HOUR,
    ],
    // 31 December 2025 was made a day off too: only 09:00–10:00 on 12 January counts.
    ['New Year holidays count nothing', '2025-12-31T12:00:00Z', '2026-01-12T07:00:00Z', HOUR],
    ['a whole working week', '2026-03-16T06:00:00Z', '2026-03-20T15:00:00Z', 45 * HOUR],
    ['reversed is zero', '2026-03-04T07:00:00Z', '2026-03-03T07:00:00Z', 0],
  ];
  it.each(cases)('%s', (_name, from, to, expected) => {
    const clock = new WorkClock(office);
    expect(clock.between(from, to)).toBe(expected);
    expect(workingMsBetween(from, to, office)).toBe(expected);
  });

  it('agrees with the deadline arithmetic on random spans, in any order of use, with overrides', () => {
    const work: WorkTime = {
      ...office,
      overrides: { '2026-03-07': 'working', '2026-03-04': 'holiday' },
    };
    const clock = new WorkClock(work);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const a = Date.parse('2025-12-01T00:00:00Z') + rnd() * 150 * 24 * HOUR;
      const b = a + rnd() * 40 * 24 * HOUR;
      const [from, to] = [new Date(a).toISOString(), new Date(b).toISOString()];
      expect(clock.between(from, to)).toBe(workingMsBetween(from, to, work));
    }
  });
});

describe('duration buckets', () => {
  it('puts a duration in the first bucket whose bound is above it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(14 * 60_000)).toBe(0);
    expect(bucketOf(15 * 60_000)).toBe(1);
    expect(bucketOf(10 * 365 * 24 * HOUR)).toBe(BUCKET_BOUNDS.length - 1);
  });

  it('estimates the median and p90 inside the bucket that holds them', () => {
    // Ten answers: 30 min ×4 (bucket 15 min–1 h), 3 h ×5 (2–4 h), 2 working days ×1 (18–27 h).
    const values = [...Array(4).fill(0.5 * HOUR), ...Array(5).fill(3 * HOUR), 20 * HOUR];
    const h = emptyHistogram();
    for (const v of values) h[bucketOf(v)]!++;
    // Median: rank 5 → the first of five in 2–4 h → 2 h + (1/5)·2 h = 2.4 h; exact median 3 h.
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(2.4 * HOUR);
    expect(exactQuantile(values, 0.5)).toBe(3 * HOUR);
    // p90: rank 9 → the last of the five in 2–4 h → 4 h; exact p90 (9th of 10) 3 h.
    expect(histogramQuantile(h, 0.9)).toBeCloseTo(4 * HOUR);
    expect(exactQuantile(values, 0.9)).toBe(3 * HOUR);
    expect(histogramQuantile(emptyHistogram(), 0.5)).toBeNull();
  });
});

describe('repeat contacts (seed 000 §3.5: the client should not have to come back)', () => {
  const a = (id: number, clientId: number, processId: number | null, createdAt: string) => ({
    id,
    clientId,
    processId,
    createdAt,
  });
  const history = [
    a(1, 10, 5, '2026-03-01T10:00:00Z'),
    a(2, 10, 6, '2026-03-05T10:00:00Z'),
    a(3, 11, 5, '2026-03-05T10:00:00Z'),
  ];
  it('counts the same client on the same process within 7 days', () => {
    expect(isRepeat(a(4, 10, 5, '2026-03-08T09:59:00Z'), history)).toBe(true);
    expect(isRepeat(a(4, 10, 5, '2026-03-08T10:00:00Z'), history)).toBe(true);
  });
  it('does not count after 7 days, another process, another client, or no process', () => {
    expect(isRepeat(a(4, 10, 5, '2026-03-08T10:00:01Z'), history)).toBe(false);
    expect(isRepeat(a(4, 10, 7, '2026-03-06T10:00:00Z'), history)).toBe(false);
    expect(isRepeat(a(4, 12, 5, '2026-03-06T10:00:00Z'), history)).toBe(false);
    expect(isRepeat(a(4, 10, null, '2026-03-02T10:00:00Z'), history)).toBe(false);
    expect(isRepeat(history[0]!, history)).toBe(false);
  });
});

describe('deadline compliance', () => {
  const due = '2026-03-10T20:59:59.999Z';
  it('is met or missed on the answer, missed once the deadline passes while open', () => {
    const base = { answerDueAt: due, answeredAt: null, closedAt: null, open: true };
    expect(
      deadlineOutcome({ ...base, answeredAt: '2026-03-10T12:00:00Z' }, '2026-03-20T00:00:00Z'),
    ).toEqual({ outcome: 'met', at: '2026-03-10T12:00:00Z' });
    expect(
      deadlineOutcome({ ...base, answeredAt: '2026-03-11T06:00:00Z' }, '2026-03-20T00:00:00Z'),
    ).toEqual({ outcome: 'breached', at: '2026-03-11T06:00:00Z' });
    expect(deadlineOutcome(base, '2026-03-10T12:00:00Z')).toBeNull();
    expect(deadlineOutcome(base, '2026-03-11T00:00:00Z')).toEqual({ outcome: 'breached', at: due });
    expect(
      deadlineOutcome(
        { ...base, open: false, closedAt: '2026-03-09T10:00:00Z' },
        '2026-03-20T00:00:00Z',
      )?.outcome,
    ).toBe('met');
    expect(deadlineOutcome({ ...base, answerDueAt: null }, '2026-03-20T00:00:00Z')).toBeNull();
  });
});

describe('calls (seed 001 §3.2.5: at most two transfers)', () => {
  const call = {
    transfers: 0,
    flaggedBreach: false,
    logged: true,
    outcome: 'resolved',
    checklist: [1, 1, 1, 1, 1],
  };
  it('counts transfers, breaches, first-contact resolution and the conduct checklist', () => {
    expect(callFigures(call)).toEqual({
      transfers: 0,
      breach: false,
      logged: true,
      resolved: true,
      conductOk: true,
    });
    expect(callFigures({ ...call, transfers: 2 }).breach).toBe(false);
    expect(callFigures({ ...call, transfers: 3 }).breach).toBe(true);
    expect(
      callFigures({ ...call, outcome: 'follow_up', checklist: [1, 1, 0, 1, 1] }),
    ).toMatchObject({ resolved: false, conductOk: false });
    expect(callFigures({ ...call, logged: false })).toMatchObject({
      resolved: false,
      conductOk: false,
    });
  });
});

describe('replies: checklist, overrides, templates', () => {
  it('passes first time with no warning and no override', () => {
    expect(replyStyle('{"style":{"score":100,"warn":0,"info":2},"overrides":[]}')).toEqual({
      styled: true,
      overrides: 0,
      firstPass: true,
    });
    expect(replyStyle('{"style":{"score":90,"warn":1,"info":0},"overrides":[]}').firstPass).toBe(
      false,
    );
    expect(
      replyStyle('{"style":{"score":70,"warn":0},"overrides":[{"rule":"x"},{"rule":"y"}]}'),
    ).toEqual({ styled: true, overrides: 2, firstPass: false });
    expect(replyStyle('{}')).toEqual({ styled: false, overrides: 0, firstPass: false });
    expect(replyStyle('not json').styled).toBe(false);
  });
  it('credits a template inserted since the previous reply', () => {
    expect(usedTemplate('2026-03-03T10:00:00Z', null, ['2026-03-03T09:58:00Z'])).toBe(true);
    expect(
      usedTemplate('2026-03-05T10:00:00Z', '2026-03-03T10:00:00Z', ['2026-03-03T09:58:00Z']),
    ).toBe(false);
    expect(usedTemplate('2026-03-03T10:00:00Z', null, ['2026-03-03T10:00:01Z'])).toBe(false);
  });
  it('takes the first of acknowledgement and first response', () => {
    expect(acknowledgedAt('2026-03-03T10:00:00Z', '2026-03-03T09:00:00Z')).toBe(
      '2026-03-03T09:00:00Z',
    );
    expect(acknowledgedAt(null, '2026-03-03T09:00:00Z')).toBe('2026-03-03T09:00:00Z');
    expect(acknowledgedAt(null, null)).toBeNull();
  });
});

describe('periods in Moscow days', () => {
  it('puts 22:30 UTC on the next Moscow day', () => {
    expect(mskDay('2026-03-02T22:30:00Z')).toBe('2026-03-03');
    expect(mskDay('2026-03-02T20:59:59Z')).toBe('2026-03-02');
  });
  it('cuts days into weekly runs and reads presets and custom ranges', () => {
    expect(consecutiveRuns(['2026-03-05', '2026-03-01', '2026-03-02', '2026-03-03'], 2)).toEqual([
      ['2026-03-01', '2026-03-02'],
      ['2026-03-03', '2026-03-03'],
      ['2026-03-05', '2026-03-05'],
    ]);
    expect(periodOf({ preset: '7' }, '2026-03-10')).toEqual({
      from: '2026-03-04',
      to: '2026-03-10',
    });
    expect(periodOf({ from: '2026-03-09', to: '2026-02-01' }, '2026-03-10')).toEqual({
      from: '2026-02-01',
      to: '2026-03-09',
    });
    expect(periodOf({ from: '2026-03-01', to: '2026-04-01' }, '2026-03-10').to).toBe('2026-03-10');
  });
});
