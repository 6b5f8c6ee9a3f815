import { describe, expect, it } from 'vitest';
import {
  actionEffect,
  findRepeats,
  isComplaintTopic,
  painKey,
  parsePainKey,
  rankPainPoints,
  surveySeverity,
  type AppealFact,
  type Signal,
} from '../../../src/lib/domain/painmap';

const day = (d: number) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000).toISOString();

describe('pain map signals (seed 003 §3.5)', () => {
  it('counts a survey answer as negative when rated 1–2 or not resolved, worst when both', () => {
    expect(surveySeverity({ rating: 1, resolved: 1 })).toBe(3);
    expect(surveySeverity({ rating: 2, resolved: 0 })).toBe(3);
    expect(surveySeverity({ rating: 2, resolved: null })).toBe(2);
    expect(surveySeverity({ rating: 4, resolved: 0 })).toBe(2);
    expect(surveySeverity({ rating: null, resolved: 0 })).toBe(2);
    expect(surveySeverity({ rating: 3, resolved: 1 })).toBeNull();
    expect(surveySeverity({ rating: 5, resolved: null })).toBeNull();
  });

  it('recognises complaints by subject or process name', () => {
    expect(isComplaintTopic('Жалоба на отказ в приёме в секцию')).toBe(true);
    expect(isComplaintTopic('Досудебное обжалование решения')).toBe(true);
    expect(isComplaintTopic('Претензия к качеству питания')).toBe(true);
    expect(isComplaintTopic('Зачисление в первый класс')).toBe(false);
    expect(isComplaintTopic(null)).toBe(false);
  });

  it('finds repeat contacts: same client, same process within 7 days (seed 000 §3.5)', () => {
    const a = (id: number, clientId: number, processId: number | null, d: number): AppealFact => ({
      id,
      clientId,
      touchpointId: 1,
      processId,
      createdAt: day(d),
    });
    const appeals = [
      a(1, 1, 10, 0),
      a(2, 1, 10, 5), // 5 days after #1: repeat
      a(3, 1, 10, 13), // 8 days after #2: a new question, not a repeat
      a(4, 1, 10, 14), // 1 day after #3: repeat
      a(5, 2, 10, 1), // another client
      a(6, 1, 11, 2), // same client, another process
      a(7, 3, null, 0),
      a(8, 3, null, 1), // no process: cannot tell
      a(9, 4, 12, 0),
      a(10, 4, 12, 7), // exactly 7 days: still a repeat
    ];
    expect(findRepeats(appeals).map((r) => r.id)).toEqual([2, 4, 10]);
    expect(findRepeats(appeals, 3).map((r) => r.id)).toEqual([4]);
  });
});

describe('pain points ranked by impact and fixability (seed 003 §3.6)', () => {
  const s = (
    kind: Signal['kind'],
    touchpointId: number,
    processId: number | null,
    clientKey: string,
    severity: number,
    d: number,
    extra: Partial<Signal> = {},
  ): Signal => ({
    kind,
    touchpointId,
    processId,
    clientKey,
    severity,
    appealId: kind === 'survey' ? null : 100 + d,
    at: day(d),
    ...extra,
  });
  const signals: Signal[] = [
    // A = touchpoint 1 × process 10: clients 1 (worst 3), 2 (2), 3 (1) → impact 6.
    s('survey', 1, 10, 'c:1', 3, 1, { rating: 1, resolved: 1, comment: ' Никто не перезвонил ' }),
    s('complaint', 1, 10, 'c:1', 2, 2),
    s('survey', 1, 10, 'c:2', 2, 3, { rating: 4, resolved: 0, comment: '' }),
    s('repeat', 1, 10, 'c:3', 1, 4),
    // B = touchpoint 2 × process 10: clients 4 (2), 5 (2), a questionnaire respondent (3) → impact 7.
    s('complaint', 2, 10, 'c:4', 2, 5),
    s('complaint', 2, 10, 'c:5', 2, 6),
    s('survey', 2, 10, 'r:9', 3, 7, { rating: 1, resolved: 0, comment: 'Очередь на два часа' }),
    // C = touchpoint 2, no process: one complaint → impact 2.
    s('complaint', 2, null, 'c:6', 2, 8),
  ];

  it('groups by touchpoint × process, counts clients once at their worst', () => {
    const points = rankPainPoints(signals);
    const a = points.find((p) => p.key === '1:10')!;
    expect(a.clients).toBe(3);
    expect(a.impact).toBe(6);
    expect(a.signals).toEqual({ survey: 2, complaint: 1, repeat: 1 });
    expect(a.exampleAppealIds).toEqual([104, 102]);
    expect(a.comments).toEqual([
      { at: day(1), rating: 1, resolved: 1, text: 'Никто не перезвонил' },
    ]);
    const c = points.find((p) => p.key === '2:0')!;
    expect([c.touchpointId, c.processId, c.clients, c.impact]).toEqual([2, null, 1, 2]);
  });

  it('ranks unrated points by impact, then lets fixability reorder them', () => {
    // Unrated: weight of «средне» 0.6 → B 7×0.6 = 4.2, A 6×0.6 = 3.6, C 2×0.6 = 1.2.
    expect(rankPainPoints(signals).map((p) => [p.key, p.rank])).toEqual([
      ['2:10', 4.2],
      ['1:10', 3.6],
      ['2:0', 1.2],
    ]);
    // A easy (×1) → 6; B hard (×0.3) → 2.1; C still unrated → 1.2.
    const fix = new Map([
      ['1:10', 1 as const],
      ['2:10', 3 as const],
    ]);
    expect(rankPainPoints(signals, fix).map((p) => [p.key, p.rank, p.fixability])).toEqual([
      ['1:10', 6, 1],
      ['2:10', 2.1, 3],
      ['2:0', 1.2, null],
    ]);
  });

  it('keys a pain point by touchpoint and process, and reads the key back', () => {
    expect(painKey(3, null)).toBe('3:0');
    expect(parsePainKey('3:0')).toEqual({ touchpointId: 3, processId: null });
    expect(parsePainKey('3:17')).toEqual({ touchpointId: 3, processId: 17 });
    expect(parsePainKey('3;17')).toBeNull();
  });
});

describe('improvement action effect', () => {
  it('compares rates before the action and since it was created', () => {
    const e = actionEffect(
      { appeals: 8, signals: 6, repeats: 2, ratings: [1, 2, 4] },
      { appeals: 10, signals: 2, repeats: 0, ratings: [4, 5] },
    );
    expect(e.before).toEqual({
      appeals: 8,
      signalsPer100: 75,
      meanRating: 2.33,
      ratings: 3,
      repeatShare: 0.25,
    });
    expect(e.since).toEqual({
      appeals: 10,
      signalsPer100: 20,
      meanRating: 4.5,
      ratings: 2,
      repeatShare: 0,
    });
    expect(e.trend).toEqual({ signals: 'better', rating: 'better', repeats: 'better' });
    const empty = actionEffect(
      { appeals: 0, signals: 0, repeats: 0, ratings: [] },
      { appeals: 4, signals: 4, repeats: 1, ratings: [2] },
    );
    expect(empty.before.signalsPer100).toBeNull();
    expect(empty.trend).toEqual({ signals: 'unknown', rating: 'unknown', repeats: 'unknown' });
  });
});
