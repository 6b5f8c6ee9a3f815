import { describe, expect, it } from 'vitest';
import { computeSlices, emptySources, type Dims } from '../../../src/lib/domain/metrics/compute';
import { figuresOf, flagsFor, DEFAULT_THRESHOLDS } from '../../../src/lib/domain/metrics/figures';
import { addMeasures, emptyMeasures } from '../../../src/lib/domain/metrics/measures';
import { WorkClock } from '../../../src/lib/domain/metrics/work-clock';

const HOUR = 3_600_000;
const clock = () => new WorkClock({ officeStart: 540, officeEnd: 1080 });
const email: Dims = { touchpointId: 1, processId: 5, unitId: 2, operatorId: 7, channel: 'email' };
const phone: Dims = { touchpointId: 3, processId: 5, unitId: 2, operatorId: 8, channel: 'phone' };

// Two Moscow days, Tuesday 3 and Wednesday 4 March 2026 (office 09:00–18:00 = 06:00–15:00 UTC).
const FROM = '2026-03-02T21:00:00.000Z';
const TO = '2026-03-04T21:00:00.000Z';
const NOW = '2026-03-05T12:00:00.000Z';

function dataset() {
  const src = emptySources();
  src.created = [
    { ...email, id: 1, clientId: 100, createdAt: '2026-03-03T07:00:00Z' },
    { ...email, id: 2, clientId: 100, createdAt: '2026-03-04T07:00:00Z' }, // repeat of 1
    { ...email, id: 3, clientId: 101, createdAt: '2026-03-04T08:00:00Z' },
    { ...email, id: 9, clientId: 102, createdAt: '2026-03-05T08:00:00Z' }, // outside the period
  ];
  src.sameClients = src.created.map((a) => ({
    id: a.id,
    clientId: a.clientId,
    processId: a.processId,
    createdAt: a.createdAt,
  }));
  // Answered: appeal 1 on the 3rd, one from the evening of the 3rd on the 4th, and an old appeal
  // (from 12 February) on the 4th.
  src.answers = [
    { ...email, createdAt: '2026-03-03T07:00:00Z', answeredAt: '2026-03-03T09:00:00Z' },
    { ...email, createdAt: '2026-03-03T14:00:00Z', answeredAt: '2026-03-04T07:00:00Z' },
    { ...email, createdAt: '2026-02-12T07:00:00Z', answeredAt: '2026-03-04T10:00:00Z' },
  ];
  src.firstResponses = src.answers.map((a) => ({ ...a, firstResponseAt: a.answeredAt }));
  src.acks = [
    {
      ...email,
      createdAt: '2026-03-03T07:00:00Z',
      firstAckAt: '2026-03-03T07:05:00Z',
      firstResponseAt: '2026-03-03T09:00:00Z',
    },
  ];
  src.deadlines = [
    {
      ...email,
      answerDueAt: '2026-03-10T20:59:59Z',
      answeredAt: '2026-03-03T09:00:00Z',
      closedAt: null,
      open: false,
    },
    {
      ...email,
      answerDueAt: '2026-03-03T20:59:59Z',
      answeredAt: '2026-03-04T07:00:00Z',
      closedAt: null,
      open: false,
    },
    { ...email, answerDueAt: '2026-03-04T12:00:00Z', answeredAt: null, closedAt: null, open: true },
  ];
  src.calls = [
    {
      ...phone,
      startedAt: '2026-03-03T08:00:00Z',
      transfers: 0,
      flaggedBreach: false,
      logged: true,
      outcome: 'resolved',
      checklist: [1, 1, 1, 1, 1],
    },
    {
      ...phone,
      startedAt: '2026-03-04T08:00:00Z',
      transfers: 3,
      flaggedBreach: true,
      logged: true,
      outcome: 'follow_up',
      checklist: [1, 0, 1, 1, 1],
    },
  ];
  src.links = [
    { ...email, createdAt: '2026-03-03T09:00:00Z' },
    { ...email, createdAt: '2026-03-04T07:00:00Z' },
    { ...email, createdAt: '2026-03-04T10:00:00Z' },
    { ...phone, createdAt: '2026-03-03T08:10:00Z' },
  ];
  src.responses = [
    { ...email, createdAt: '2026-03-03T12:00:00Z', rating: 5, resolved: 1 },
    { ...email, createdAt: '2026-03-04T12:00:00Z', rating: 2, resolved: 0 },
    { ...phone, createdAt: '2026-03-04T12:00:00Z', rating: 4, resolved: null },
  ];
  src.replies = [
    {
      ...email,
      at: '2026-03-03T09:00:00Z',
      meta: '{"style":{"score":100,"warn":0},"overrides":[]}',
      previousReplyAt: null,
      usages: ['2026-03-03T08:59:00Z'],
    },
    {
      ...email,
      at: '2026-03-04T07:00:00Z',
      meta: '{"style":{"score":80,"warn":1},"overrides":[]}',
      previousReplyAt: null,
      usages: [],
    },
    {
      ...email,
      at: '2026-03-04T10:00:00Z',
      meta: '{"style":{"score":60,"warn":0},"overrides":[{"rule":"x"}]}',
      previousReplyAt: null,
      usages: [],
    },
  ];
  return src;
}

describe('figures over a hand-computed two-day dataset', () => {
  const sums = computeSlices(dataset(), FROM, TO, NOW, clock());
  const total = emptyMeasures();
  for (const r of sums.list()) addMeasures(total, r.m);
  const f = figuresOf(total);

  it('keys every event by its own Moscow day', () => {
    const days = new Map<string, number>();
    for (const r of sums.list()) days.set(r.key.day, (days.get(r.key.day) ?? 0) + r.m.appeals!);
    expect(Object.fromEntries(days)).toEqual({ '2026-03-03': 1, '2026-03-04': 2 });
    const answersOn4th = sums
      .list()
      .filter((r) => r.key.day === '2026-03-04')
      .reduce((s, r) => s + r.m.answer_n!, 0);
    // The appeal from 12 February answered on 4 March counts on 4 March (a late change rolls today).
    expect(answersOn4th).toBe(2);
  });

  it('computes volume, repeats and answer times in working time', () => {
    expect(f.volume).toBe(3);
    expect(f.repeats).toBe(1);
    expect(f.repeatShare).toBeCloseTo(1 / 3);
    // Answer times in office time: 10:00→12:00 = 2 h; Tue 17:00→Wed 10:00 = 1 h + 1 h = 2 h;
    // 12 Feb 10:00 → 4 Mar 13:00 = 8 h (12 Feb) + 12 full days × 9 h (13, 16–20, 24–27 Feb,
    // 2–3 Mar; 23 Feb is a holiday) + 4 h (4 Mar 09–13) = 120 h.
    expect(total.answer_n).toBe(3);
    expect(total.answer_ms).toBe((2 + 2 + 120) * HOUR);
    // Buckets: 2 h, 2 h → [2 h, 4 h); 120 h → [90 h, 135 h). Median rank 1.5 of the two in
    // [2 h, 4 h) → 2 h + 0.75 × 2 h = 3.5 h; p90 rank 2.7 → the 120 h bucket: 90 + 0.7 × 45 h.
    expect(f.answerMedianMs).toBeCloseTo(3.5 * HOUR);
    expect(f.answerP90Ms).toBeCloseTo((90 + 0.7 * 45) * HOUR);
    // One acknowledgement after 5 minutes (before the first reply): bucket [0, 15 min), median 7.5 min.
    expect(total.ack_n).toBe(1);
    expect(total.ack_ms).toBe(5 * 60_000);
    expect(f.ackMedianMs).toBeCloseTo(7.5 * 60_000);
  });

  it('computes deadline compliance on the day each outcome became known', () => {
    // Met on the 3rd, missed (answered late) on the 4th, missed (overdue, still open) on the 4th.
    expect(total.due_met).toBe(1);
    expect(total.due_breached).toBe(2);
    expect(f.compliance).toBeCloseTo(1 / 3);
  });

  it('computes calls: transfers per call, two-transfer breaches, FCR and conduct', () => {
    expect(f.calls).toBe(2);
    expect(f.transfersPerCall).toBe(1.5);
    expect(f.transferBreaches).toBe(1);
    expect(f.fcr).toBe(0.5);
    expect(f.conduct).toBe(0.5);
  });

  it('computes satisfaction: mean, share of 4–5, response rate', () => {
    expect(f.satMean).toBeCloseTo((5 + 2 + 4) / 3);
    expect(f.satGood).toBeCloseTo(2 / 3);
    expect(f.responseRate).toBeCloseTo(3 / 4);
    expect(f.resolvedShare).toBe(0.5);
  });

  it('computes checklist first-pass, overrides and template coverage', () => {
    expect(f.replies).toBe(3);
    expect(f.firstPass).toBeCloseTo(1 / 3);
    expect(f.overrides).toBe(1);
    expect(f.templateCoverage).toBeCloseTo(1 / 3);
  });

  it('flags by the thresholds; no traffic is a flag, not a removal', () => {
    // Compliance 1/3 (missed 2/3 > 10 %), mean rating 3.67 < 4 over 3 answers (≥ 3 needed).
    expect(flagsFor(f, DEFAULT_THRESHOLDS, true, 3)).toEqual(['breaches', 'lowSatisfaction']);
    expect(flagsFor(f, { ...DEFAULT_THRESHOLDS, minResponses: 4 }, true, 3)).toEqual(['breaches']);
    expect(flagsFor(f, { ...DEFAULT_THRESHOLDS, maxBreachShare: 0.7 }, false, 0)).toEqual([
      'lowSatisfaction',
      'noTemplates',
      'noTraffic',
    ]);
    expect(flagsFor(figuresOf(emptyMeasures()), DEFAULT_THRESHOLDS, true, 0)).toEqual([
      'noTraffic',
    ]);
  });
});

describe('a clock stepped back an hour', () => {
  it('counts an answer or acknowledgement stamped before its appeal as taking no time', () => {
    const src = emptySources();
    // The server clock went back after the appeal came in: its answer is stamped an hour earlier.
    const createdAt = '2026-03-03T09:00:00Z';
    const earlier = '2026-03-03T08:00:00Z';
    src.answers = [{ ...email, createdAt, answeredAt: earlier }];
    src.firstResponses = [{ ...email, createdAt, firstResponseAt: earlier }];
    src.acks = [{ ...email, createdAt, firstAckAt: earlier, firstResponseAt: earlier }];
    const total = emptyMeasures();
    for (const r of computeSlices(src, FROM, TO, NOW, clock()).list()) addMeasures(total, r.m);
    expect([total.answer_n, total.answer_ms, total.ack_n, total.ack_ms]).toEqual([1, 0, 1, 0]);
    const f = figuresOf(total);
    for (const ms of [f.answerMedianMs, f.answerP90Ms, f.ackMedianMs]) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(15 * 60_000);
    }
  });
});
