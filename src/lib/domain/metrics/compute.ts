import {
  acknowledgedAt,
  callFigures,
  deadlineOutcome,
  isRepeat,
  ratingFigures,
  replyStyle,
  usedTemplate,
  type AppealRef,
  type CallFacts,
  type DeadlineFacts,
} from './definitions';
import { SliceSums, type SliceKey } from './measures';
import { mskDay } from './period';
import type { WorkClock } from './work-clock';

/** Who and what a record is about; null where unknown. */
export interface Dims {
  touchpointId: number | null;
  processId: number | null;
  unitId: number | null;
  operatorId: number | null;
  channel: string | null;
}

export interface AppealRecord extends Dims {
  id: number;
  clientId: number;
  createdAt: string;
}

/** Everything a period's figures are computed from; records may reach outside the period. */
export interface SourceRecords {
  /** Appeals created in the period. */
  created: AppealRecord[];
  /** Appeals of the same clients from 7 days before the period to its end. */
  sameClients: AppealRef[];
  /** Appeals that may have been acknowledged in the period. */
  acks: (Dims & { createdAt: string; firstAckAt: string | null; firstResponseAt: string | null })[];
  firstResponses: (Dims & { createdAt: string; firstResponseAt: string })[];
  answers: (Dims & { createdAt: string; answeredAt: string })[];
  deadlines: (Dims & DeadlineFacts)[];
  calls: (Dims & CallFacts & { startedAt: string })[];
  links: (Dims & { createdAt: string })[];
  responses: (Dims & { createdAt: string; rating: number | null; resolved: number | null })[];
  replies: (Dims & {
    at: string;
    meta: string | null;
    previousReplyAt: string | null;
    usages: string[];
  })[];
}

export function emptySources(): SourceRecords {
  return {
    created: [],
    sameClients: [],
    acks: [],
    firstResponses: [],
    answers: [],
    deadlines: [],
    calls: [],
    links: [],
    responses: [],
    replies: [],
  };
}

/**
 * Sums the period [fromIso, toIso) into slices keyed by the Moscow day of each event: an appeal
 * counts in volume on the day it came, its answer time on the day it was answered, its deadline on
 * the day it was met or missed, a rating on the day it was given. So a late change (an appeal
 * answered today that came 20 days ago) changes today's figures and leaves the old day alone.
 */
export function computeSlices(
  src: SourceRecords,
  fromIso: string,
  toIso: string,
  nowIso: string,
  clock: WorkClock,
): SliceSums {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const inside = (iso: string | null): iso is string => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= from && t < to;
  };
  const key = (d: Dims, at: string): SliceKey => ({
    day: mskDay(at),
    touchpointId: d.touchpointId ?? 0,
    processId: d.processId ?? 0,
    unitId: d.unitId ?? 0,
    operatorId: d.operatorId ?? 0,
    channel: d.channel ?? '',
  });
  const sums = new SliceSums();

  const byClient = new Map<number, AppealRef[]>();
  for (const a of src.sameClients) {
    const list = byClient.get(a.clientId) ?? [];
    list.push(a);
    byClient.set(a.clientId, list);
  }
  for (const a of src.created) {
    if (!inside(a.createdAt)) continue;
    const k = key(a, a.createdAt);
    sums.add(k, 'appeals');
    const ref = { id: a.id, clientId: a.clientId, processId: a.processId, createdAt: a.createdAt };
    if (isRepeat(ref, byClient.get(a.clientId) ?? [])) sums.add(k, 'repeats');
  }
  for (const a of src.acks) {
    const at = acknowledgedAt(a.firstAckAt, a.firstResponseAt);
    if (!inside(at)) continue;
    sums.duration(key(a, at), 'ack', clock.between(a.createdAt, at));
  }
  for (const a of src.firstResponses) {
    if (!inside(a.firstResponseAt)) continue;
    sums.duration(
      key(a, a.firstResponseAt),
      'first',
      clock.between(a.createdAt, a.firstResponseAt),
    );
  }
  for (const a of src.answers) {
    if (!inside(a.answeredAt)) continue;
    sums.duration(key(a, a.answeredAt), 'answer', clock.between(a.createdAt, a.answeredAt));
  }
  for (const a of src.deadlines) {
    const o = deadlineOutcome(a, nowIso);
    if (!o || !inside(o.at)) continue;
    sums.add(key(a, o.at), o.outcome === 'met' ? 'due_met' : 'due_breached');
  }
  for (const c of src.calls) {
    if (!inside(c.startedAt)) continue;
    const k = key(c, c.startedAt);
    const f = callFigures(c);
    sums.add(k, 'calls');
    sums.add(k, 'call_transfers', f.transfers);
    if (f.breach) sums.add(k, 'call_breaches');
    if (f.logged) sums.add(k, 'calls_logged');
    if (f.resolved) sums.add(k, 'calls_resolved');
    if (f.conductOk) sums.add(k, 'calls_conduct_ok');
  }
  for (const l of src.links) if (inside(l.createdAt)) sums.add(key(l, l.createdAt), 'links');
  for (const r of src.responses) {
    if (!inside(r.createdAt)) continue;
    const k = key(r, r.createdAt);
    const f = ratingFigures(r.rating, r.resolved);
    if (f.rated) {
      sums.add(k, 'sat_n');
      sums.add(k, 'sat_sum', f.rating);
      if (f.good) sums.add(k, 'sat_good');
    }
    if (f.resolvedAsked) sums.add(k, 'sat_resolved_n');
    if (f.resolvedYes) sums.add(k, 'sat_resolved_yes');
  }
  for (const r of src.replies) {
    if (!inside(r.at)) continue;
    const k = key(r, r.at);
    const s = replyStyle(r.meta);
    sums.add(k, 'replies');
    if (s.styled) sums.add(k, 'replies_styled');
    if (s.firstPass) sums.add(k, 'replies_first_pass');
    if (s.overrides) {
      sums.add(k, 'replies_overridden');
      sums.add(k, 'override_items', s.overrides);
    }
    if (usedTemplate(r.at, r.previousReplyAt, r.usages)) sums.add(k, 'replies_template');
  }
  return sums;
}
