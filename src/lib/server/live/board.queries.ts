import { sql } from 'kysely';
import type { Figures } from '../../domain/live';
import type { Db } from '../db';

export type { Figures };

const HOUR = 3_600_000;
/** Unanswered work: what a queue is waiting to do (waiting-for-client appeals wait on the client). */
const WAITING = ['new', 'open'] as const;
/** A call still ringing or talking; older ones are a lost «ended» event, not a live call. */
const LIVE_CALL_HOURS = 4;

export const emptyFigures = (): Figures => ({
  waiting: 0,
  oldestAt: null,
  atRisk: 0,
  breached: 0,
  arrivedHour: 0,
  answeredHour: 0,
  callsNow: 0,
});

const BREACHED = sql`(d.breached_at is not null or (d.forward_breached_at is not null and d.forward_done_at is null))`;
const WARNED = sql`(d.warned_at is not null or (d.forward_warned_at is not null and d.forward_done_at is null))`;

type Key = number | null;
type Counted = { key: Key; n: number }[];
const counted = (rows: { key: unknown; n: unknown }[]): Counted =>
  rows.map((r) => ({ key: r.key as Key, n: Number(r.n) }));

/** Waiting appeals, their oldest, and deadline risk, per touchpoint and unit. */
async function waitingBy(db: Db) {
  return db
    .selectFrom('appeals as a')
    .leftJoin('appeal_deadlines as d', 'd.appeal_id', 'a.id')
    .select([
      'a.touchpoint_id as touchpoint',
      'a.unit_id as unit',
      (eb) => eb.fn.countAll<number>().as('waiting'),
      (eb) => eb.fn.min('a.created_at').as('oldestAt'),
      // The answer deadline and the 59-FZ forwarding deadline alike, as /deadlines lists them.
      sql<number>`sum(case when ${BREACHED} then 0 when ${WARNED} then 1 else 0 end)`.as('atRisk'),
      sql<number>`sum(case when ${BREACHED} then 1 else 0 end)`.as('breached'),
    ])
    .where('a.status', 'in', WAITING)
    .groupBy(['a.touchpoint_id', 'a.unit_id'])
    .execute();
}

async function arrivedBy(db: Db, since: string) {
  return db
    .selectFrom('appeals as a')
    .select([
      'a.touchpoint_id as touchpoint',
      'a.unit_id as unit',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('a.created_at', '>=', since)
    .groupBy(['a.touchpoint_id', 'a.unit_id'])
    .execute();
}

async function answeredBy(db: Db, since: string) {
  return db
    .selectFrom('interactions as i')
    .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
    .select([
      'a.touchpoint_id as touchpoint',
      'a.unit_id as unit',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('i.direction', '=', 'out')
    .where('i.kind', '=', 'reply')
    .where('i.at', '>=', since)
    .groupBy(['a.touchpoint_id', 'a.unit_id'])
    .execute();
}

async function callsNowBy(db: Db, now: number) {
  return db
    .selectFrom('calls')
    .select(['touchpoint_id as key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ended_at', 'is', null)
    .where('phase', '!=', 'ended')
    .where('started_at', '>=', new Date(now - LIVE_CALL_HOURS * HOUR).toISOString())
    .groupBy('touchpoint_id')
    .execute()
    .then(counted);
}

/** Live figures per touchpoint and per unit, straight from the database (every node agrees). */
export async function liveFigures(db: Db, now: number) {
  const since = new Date(now - HOUR).toISOString();
  const [waiting, arrived, answered, calls] = await Promise.all([
    waitingBy(db),
    arrivedBy(db, since),
    answeredBy(db, since),
    callsNowBy(db, now),
  ]);
  const byTouchpoint = new Map<Key, Figures>();
  const byUnit = new Map<Key, Figures>();
  const at = (map: Map<Key, Figures>, key: Key) =>
    map.get(key) ?? map.set(key, emptyFigures()).get(key)!;
  const both = (r: { touchpoint: Key; unit: Key }) => [
    at(byTouchpoint, r.touchpoint),
    at(byUnit, r.unit),
  ];
  for (const r of waiting) {
    const oldestAt = r.oldestAt as string | null;
    for (const f of both(r)) {
      f.waiting += Number(r.waiting);
      if (oldestAt && (!f.oldestAt || oldestAt < f.oldestAt)) f.oldestAt = oldestAt;
      f.atRisk += Number(r.atRisk ?? 0);
      f.breached += Number(r.breached ?? 0);
    }
  }
  for (const r of arrived) for (const f of both(r)) f.arrivedHour += Number(r.n);
  for (const r of answered) for (const f of both(r)) f.answeredHour += Number(r.n);
  for (const r of calls) at(byTouchpoint, r.key).callsNow = r.n;
  return { byTouchpoint, byUnit };
}

/** Open work per person: appeals assigned and not yet closed or answered. */
export async function openWorkByAssignee(db: Db) {
  const rows = await db
    .selectFrom('appeals')
    .select(['assignee_id as userId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', WAITING)
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.userId!, Number(r.n)]));
}

export interface BoardAppeal {
  id: number;
  number: string;
  subject: string;
  touchpoint: string;
  unitId: number | null;
  assigneeId: number | null;
  assignee: string | null;
  createdAt: string;
  answerDueAt: string | null;
  atRisk: boolean;
  breached: boolean;
}

/** The waiting appeals a supervisor redistributes, oldest first. */
export async function waitingAppeals(db: Db, limit: number): Promise<BoardAppeal[]> {
  const rows = await db
    .selectFrom('appeals as a')
    .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .leftJoin('appeal_deadlines as d', 'd.appeal_id', 'a.id')
    .select([
      'a.id',
      'a.number',
      'a.subject',
      't.name as touchpoint',
      'a.unit_id as unitId',
      'a.assignee_id as assigneeId',
      'u.name as assignee',
      'a.created_at as createdAt',
      'a.answer_due_at as answerDueAt',
      sql<number>`case when ${WARNED} then 1 else 0 end`.as('warned'),
      sql<number>`case when ${BREACHED} then 1 else 0 end`.as('late'),
    ])
    .where('a.status', 'in', WAITING)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map(({ warned, late, ...r }) => ({
    ...r,
    atRisk: Number(warned) === 1 && Number(late) !== 1,
    breached: Number(late) === 1,
  }));
}
