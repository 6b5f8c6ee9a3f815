import { z } from 'zod';
import { normalizePhone } from '../clients/contacts';
import { secondsBetween } from './duration';

/** What a PBX reports about a call (README «Телефония»). */
export const TELEPHONY_EVENTS = ['ringing', 'answered', 'transferred', 'ended'] as const;
export type TelephonyEventName = (typeof TELEPHONY_EVENTS)[number];

export const PHASES = ['ringing', 'answered', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

const ZONED = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 with a zone, or Unix time in seconds (Asterisk's ${EPOCH}) or milliseconds. */
const instant = z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
  const numeric = typeof v === 'number' || /^\d+(?:\.\d+)?$/.test(v);
  const n = Number(v);
  const ms = numeric ? (n > 1e12 ? n : n * 1000) : ZONED.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'at: ISO 8601 with a time zone or Unix seconds' });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const text = (max: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().max(max));

/** An optional field a PBX script may send empty: read as absent. */
const optional = (max: number) =>
  text(max)
    .transform((v) => v || null)
    .nullish();

export const telephonyEventSchema = z.object({
  event: z.enum(TELEPHONY_EVENTS),
  callId: text(200).pipe(z.string().min(1)),
  line: text(100).pipe(z.string().min(1)),
  caller: optional(50),
  at: instant,
  /** The extension or console e-mail the call rings at or was answered by. */
  agent: optional(200),
  /** transferred: the extension, e-mail or unit the call went to. */
  target: optional(200),
  reason: optional(500),
});
export type TelephonyEvent = z.output<typeof telephonyEventSchema>;

export interface CallState {
  phase: Phase;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  /** The agent of the latest routing event by PBX time, and that time. */
  routedTo: string | null;
  routedAt: string | null;
}

const PHASE_OF: Record<TelephonyEventName, Phase> = {
  ringing: 'ringing',
  answered: 'answered',
  transferred: 'answered',
  ended: 'ended',
};
const RANK: Record<Phase, number> = { ringing: 0, answered: 1, ended: 2 };

const earliest = (a: string | null, b: string) => (a && a < b ? a : b);
const latest = (a: string | null, b: string) => (a && a > b ? a : b);

export interface Applied {
  state: CallState;
  /** The event moved the call to a new agent (it is the latest routing by PBX time). */
  rerouted: boolean;
  /** Pop the call screen up: it is still live and this event says where it rings now. */
  offer: boolean;
}

/**
 * Folds one event into a call's state so that any arrival order gives the same result: phases
 * only move forward, times keep the earliest start and answer and the latest end, and routing
 * follows the event with the latest PBX time. A call never answered has lasted 0 seconds.
 */
export function applyEvent(
  prev: CallState | null,
  ev: Pick<TelephonyEvent, 'event' | 'at' | 'agent' | 'target'>,
): Applied {
  const s: CallState = prev ?? {
    phase: PHASE_OF[ev.event],
    startedAt: ev.at,
    answeredAt: null,
    endedAt: null,
    durationSec: null,
    routedTo: null,
    routedAt: null,
  };
  const next = PHASE_OF[ev.event];
  const phase = RANK[next] > RANK[s.phase] ? next : s.phase;
  const answeredAt = ev.event === 'answered' ? earliest(s.answeredAt, ev.at) : s.answeredAt;
  const endedAt = ev.event === 'ended' ? latest(s.endedAt, ev.at) : s.endedAt;
  const who =
    ev.event === 'transferred'
      ? (ev.target ?? ev.agent ?? null)
      : ev.event === 'ended'
        ? null
        : (ev.agent ?? null);
  const rerouted = !!who && (!s.routedAt || ev.at >= s.routedAt);
  const state: CallState = {
    phase,
    startedAt: earliest(s.startedAt, ev.at),
    answeredAt,
    endedAt,
    durationSec: endedAt ? (answeredAt ? secondsBetween(answeredAt, endedAt) : 0) : null,
    routedTo: rerouted ? who : s.routedTo,
    routedAt: rerouted ? ev.at : s.routedAt,
  };
  const offer = ev.event !== 'ended' && phase !== 'ended' && (rerouted || prev === null);
  return { state, rerouted, offer };
}

export function isMissed(state: { phase: string; answeredAt: string | null }): boolean {
  return state.phase === 'ended' && !state.answeredAt;
}

/** The line an event names is the token's line: the same text, or the same Russian number. */
export function sameLine(reported: string, registered: string): boolean {
  if (reported === registered) return true;
  const a = normalizePhone(reported);
  return a !== null && a === normalizePhone(registered);
}
