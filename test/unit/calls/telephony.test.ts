import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  isMissed,
  sameLine,
  telephonyEventSchema,
  type CallState,
  type TelephonyEvent,
} from '../../../src/lib/domain/calls/telephony';

const ev = (raw: Record<string, unknown>): TelephonyEvent =>
  telephonyEventSchema.parse({ callId: '1', line: '100', ...raw });

function fold(events: TelephonyEvent[]) {
  let state: CallState | null = null;
  const offers: boolean[] = [];
  for (const e of events) {
    const r = applyEvent(state, e);
    state = r.state;
    offers.push(r.offer);
  }
  return { state: state!, offers };
}

function permutations<T>(list: T[]): T[][] {
  if (list.length <= 1) return [list];
  return list.flatMap((x, i) =>
    permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

describe('telephony event format', () => {
  it('reads ISO times with a zone and Unix seconds or milliseconds as one instant', () => {
    const iso = '2026-03-02T09:00:00.000Z';
    for (const at of [
      '2026-03-02T12:00:00+03:00',
      '2026-03-02T09:00:00Z',
      1772442000,
      '1772442000',
      1772442000000,
    ]) {
      expect(ev({ event: 'ringing', at }).at, String(at)).toBe(iso);
    }
    expect(ev({ event: 'ringing', at: '1772442000.25' }).at).toBe('2026-03-02T09:00:00.250Z');
  });

  it('refuses unknown events, zoneless times and missing ids; empty optional fields are absent', () => {
    expect(
      telephonyEventSchema.safeParse({ event: 'dialled', callId: '1', line: '1', at: 1 }).success,
    ).toBe(false);
    expect(
      telephonyEventSchema.safeParse({
        event: 'ringing',
        callId: '1',
        line: '1',
        at: '2026-03-02 09:00',
      }).success,
    ).toBe(false);
    expect(
      telephonyEventSchema.safeParse({ event: 'ringing', callId: ' ', line: '1', at: 1 }).success,
    ).toBe(false);
    expect(ev({ event: 'ringing', at: 1, callId: 17.5, agent: '', caller: '' })).toMatchObject({
      callId: '17.5',
      agent: null,
      caller: null,
    });
  });

  it('matches the line by text or by Russian number in any usual form', () => {
    expect(sameLine('+7 (4000) 20-30-40', '+74000203040')).toBe(true);
    expect(sameLine('84000203040', '+74000203040')).toBe(true);
    expect(sameLine('trunk-1', 'trunk-1')).toBe(true);
    expect(sameLine('+74000203045', '+74000203040')).toBe(false);
    expect(sameLine('trunk-2', 'trunk-1')).toBe(false);
  });
});

describe('folding events into a call', () => {
  const events = [
    ev({ event: 'ringing', at: '2026-03-02T09:00:00Z', agent: '101' }),
    ev({ event: 'answered', at: '2026-03-02T09:00:06Z', agent: '101' }),
    ev({ event: 'transferred', at: '2026-03-02T09:02:00Z', target: '102' }),
    ev({ event: 'ended', at: '2026-03-02T09:05:06Z' }),
  ];

  it('gives the same call for every order of arrival', () => {
    const expected: CallState = {
      phase: 'ended',
      startedAt: '2026-03-02T09:00:00.000Z',
      answeredAt: '2026-03-02T09:00:06.000Z',
      endedAt: '2026-03-02T09:05:06.000Z',
      durationSec: 300,
      routedTo: '102',
      routedAt: '2026-03-02T09:02:00.000Z',
    };
    const orders = permutations(events);
    expect(orders).toHaveLength(24);
    for (const order of orders) expect(fold(order).state).toEqual(expected);
  });

  it('pops up while the call is live and the event says where it rings now', () => {
    expect(fold(events).offers).toEqual([true, true, true, false]);
    // A ringing that arrives after the end, or after a later routing, does not pop up.
    expect(fold([events[3]!, events[0]!]).offers).toEqual([false, false]);
    expect(fold([events[2]!, events[0]!]).offers).toEqual([true, false]);
    // Without an agent, the first event still pops up (for the line's default or everyone).
    expect(fold([ev({ event: 'ringing', at: 1 })]).offers).toEqual([true]);
  });

  it('counts a call never answered as missed, lasting 0 seconds', () => {
    const { state } = fold([events[0]!, events[3]!]);
    expect(state).toMatchObject({ phase: 'ended', durationSec: 0, answeredAt: null });
    expect(isMissed(state)).toBe(true);
    expect(isMissed(fold(events).state)).toBe(false);
  });
});
