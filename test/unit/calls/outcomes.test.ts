import { describe, expect, it } from 'vitest';
import {
  CHECKLIST,
  checklistFrom,
  missedItems,
  EMPTY_CHECKLIST,
} from '../../../src/lib/domain/calls/checklist';
import { callStart, formatDuration, secondsBetween } from '../../../src/lib/domain/calls/duration';
import {
  endOfMoscowDay,
  fromMoscowInput,
  toMoscowInput,
} from '../../../src/lib/domain/calls/moscow';
import {
  appealStatusAfter,
  callbackDue,
  isOutcome,
  outcomeProblem,
} from '../../../src/lib/domain/calls/outcomes';

const now = new Date('2026-03-02T09:00:00.000Z');

describe('call outcomes', () => {
  it('closes the appeal of a resolved call and keeps the others open', () => {
    expect(appealStatusAfter('resolved')).toBe('closed');
    expect(appealStatusAfter('follow_up')).toBe('open');
    expect(appealStatusAfter('callback')).toBe('open');
    expect(isOutcome('callback')).toBe(true);
    expect(isOutcome('hung_up')).toBe(false);
  });

  it('asks a follow-up for a future deadline and a callback for its time', () => {
    expect(outcomeProblem({ outcome: 'resolved' }, now)).toBeNull();
    expect(outcomeProblem({ outcome: 'follow_up' }, now)).toBe('calls.dueRequired');
    expect(outcomeProblem({ outcome: 'follow_up', dueAt: '2026-03-02T08:00:00Z' }, now)).toBe(
      'calls.dueInPast',
    );
    expect(outcomeProblem({ outcome: 'follow_up', dueAt: '2026-03-03T15:00:00Z' }, now)).toBeNull();
    expect(outcomeProblem({ outcome: 'callback' }, now)).toBe('calls.callbackRequired');
    expect(outcomeProblem({ outcome: 'callback', callbackAt: '2026-03-02T08:00:00Z' }, now)).toBe(
      'calls.callbackInPast',
    );
    expect(
      outcomeProblem({ outcome: 'callback', callbackAt: '2026-03-02T11:00:00Z' }, now),
    ).toBeNull();
  });

  it('puts a callback in the «call back now» list once its time has come', () => {
    expect(callbackDue('2026-03-02T09:00:00Z', now)).toBe(true);
    expect(callbackDue('2026-03-02T09:00:01Z', now)).toBe(false);
  });
});

describe('conduct checklist (seed 000 §3.5)', () => {
  it('has the five items of the order and lists the unticked ones', () => {
    expect(CHECKLIST).toEqual(['greeted', 'askedName', 'usedName', 'clarified', 'solution']);
    expect(missedItems(EMPTY_CHECKLIST)).toEqual([...CHECKLIST]);
    const ticked = checklistFrom(['greeted', 'clarified', 'solution', 'bogus']);
    expect(ticked).toEqual({
      greeted: true,
      askedName: false,
      usedName: false,
      clarified: true,
      solution: true,
    });
    expect(missedItems(ticked)).toEqual(['askedName', 'usedName']);
  });
});

describe('call times', () => {
  it('formats a call length', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(247)).toBe('4:07');
    expect(formatDuration(3735)).toBe('1:02:15');
    expect(secondsBetween('2026-03-02T09:00:00Z', '2026-03-02T09:04:07Z')).toBe(247);
    expect(secondsBetween('2026-03-02T09:04:07Z', '2026-03-02T09:00:00Z')).toBe(0);
  });

  it('trusts a screen’s start time only within the last day', () => {
    expect(callStart('2026-03-02T08:58:00Z', now)).toBe('2026-03-02T08:58:00.000Z');
    expect(callStart('2026-03-02T09:30:00Z', now)).toBe(now.toISOString());
    expect(callStart('2026-02-28T09:00:00Z', now)).toBe(now.toISOString());
    expect(callStart('garbage', now)).toBe(now.toISOString());
  });

  it('reads and writes date fields in Moscow time', () => {
    expect(toMoscowInput('2026-03-02T09:00:00Z')).toBe('2026-03-02T12:00');
    expect(fromMoscowInput('2026-03-02T12:00')).toBe('2026-03-02T09:00:00.000Z');
    expect(fromMoscowInput('2026-03-02 12:00')).toBeNull();
    expect(endOfMoscowDay('2026-03-05')).toBe('2026-03-05T15:00:00.000Z');
    expect(endOfMoscowDay('5 марта')).toBeNull();
  });
});
