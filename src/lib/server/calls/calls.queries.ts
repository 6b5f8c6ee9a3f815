import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../domain/appeals/status';
import { nextTransfer, renumberTransfers } from '../../domain/calls/transfers';
import type { Db } from '../db';
import { isPostgres } from '../search/dialect';

export async function callById(db: Db, id: number) {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof callById>>>;

/** On PostgreSQL the row stays locked to the transaction, so two events of one call queue up. */
export async function callByPbxId(db: Db, pbxCallId: string) {
  const q = db.selectFrom('calls').selectAll().where('pbx_call_id', '=', pbxCallId);
  return (isPostgres(db) ? q.forUpdate() : q).executeTakeFirst();
}

export function transfersOf(db: Db, callId: number) {
  return db
    .selectFrom('call_transfers as t')
    .leftJoin('users as u', 'u.id', 't.to_user_id')
    .leftJoin('units as un', 'un.id', 't.to_unit_id')
    .leftJoin('users as b', 'b.id', 't.by_user_id')
    .select([
      't.id',
      't.seq',
      't.at',
      't.to_user_id as toUserId',
      'u.name as toUser',
      't.to_unit_id as toUnitId',
      'un.name as toUnit',
      't.to_text as toText',
      't.reason',
      't.breach',
      't.source',
      'b.name as by',
    ])
    .where('t.call_id', '=', callId)
    .orderBy('t.seq')
    .execute();
}
export type TransferRow = Awaited<ReturnType<typeof transfersOf>>[number];

export interface NewTransfer {
  callId: number;
  at: string;
  toUserId?: number | null;
  toUnitId?: number | null;
  toText?: string | null;
  reason?: string | null;
  source: 'operator' | 'pbx';
  byUserId?: number | null;
}

/** Stores a transfer and renumbers the call's transfers by time; returns the new one's place. */
export async function insertTransfer(db: Db, t: NewTransfer) {
  const before = await db
    .selectFrom('call_transfers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('call_id', '=', t.callId)
    .executeTakeFirstOrThrow();
  const step = nextTransfer(Number(before.n));
  const { id } = await db
    .insertInto('call_transfers')
    .values({
      call_id: t.callId,
      seq: step.seq,
      at: t.at,
      to_user_id: t.toUserId ?? null,
      to_unit_id: t.toUnitId ?? null,
      to_text: t.toText ?? null,
      reason: t.reason ?? null,
      breach: step.breach ? 1 : 0,
      source: t.source,
      by_user_id: t.byUserId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('call_transfers')
    .select(['id', 'at', 'seq', 'breach'])
    .where('call_id', '=', t.callId)
    .execute();
  let mine = { seq: step.seq, breach: step.breach };
  for (const r of renumberTransfers(rows)) {
    if (r.id === id) mine = { seq: r.seq, breach: r.breach };
    const stored = rows.find((x) => x.id === r.id)!;
    if (stored.seq === r.seq && !!stored.breach === r.breach) continue;
    await db
      .updateTable('call_transfers')
      .set({ seq: r.seq, breach: r.breach ? 1 : 0 })
      .where('id', '=', r.id)
      .execute();
  }
  return { id, ...mine };
}

/** The live client owning a normalised phone number (a merged client leads to its target). */
export async function clientIdByPhone(db: Db, phone: string): Promise<number | null> {
  const row = await db
    .selectFrom('client_contacts as c')
    .innerJoin('clients as cl', 'cl.id', 'c.client_id')
    .select(['cl.id', 'cl.merged_into'])
    .where('c.kind', '=', 'phone')
    .where('c.value', '=', phone)
    .executeTakeFirst();
  return row ? (row.merged_into ?? row.id) : null;
}

export function clientAppeals(db: Db, clientId: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
    .select([
      'a.id',
      'a.number',
      'a.subject',
      'a.status',
      'a.channel',
      't.name as touchpoint',
      'a.created_at as createdAt',
      'a.answer_due_at as answerDueAt',
    ])
    .where('a.client_id', '=', clientId)
    .orderBy('a.created_at', 'desc')
    .limit(30)
    .execute()
    .then((rows) =>
      rows.map((r) => ({ ...r, open: (OPEN_STATUSES as readonly string[]).includes(r.status) })),
    );
}

const callColumns = [
  'c.id',
  'c.started_at as startedAt',
  'c.phase',
  'c.answered_at as answeredAt',
  'c.duration_sec as durationSec',
  'c.caller_number as callerNumber',
  'c.caller_phone as callerPhone',
  'c.topic',
  'c.outcome',
  'c.logged_at as loggedAt',
  'c.operator_id as operatorId',
  'o.name as operator',
  'a.number as appealNumber',
  'c.callback_at as callbackAt',
  'c.callback_done_at as callbackDoneAt',
  'c.chk_greeted as greeted',
  'c.chk_asked_name as askedName',
  'c.chk_used_name as usedName',
  'c.chk_clarified as clarified',
  'c.chk_solution as solution',
] as const;

function callList(db: Db) {
  return db
    .selectFrom('calls as c')
    .leftJoin('users as o', 'o.id', 'c.operator_id')
    .leftJoin('appeals as a', 'a.id', 'c.appeal_id')
    .leftJoin('clients as cl', 'cl.id', 'c.client_id')
    .select(callColumns)
    .select(['cl.surname', 'cl.first_name as firstName', 'cl.patronymic', 'cl.organization'])
    .select((eb) =>
      eb
        .selectFrom('call_transfers as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.call_id', '=', 'c.id')
        .as('transfers'),
    )
    .select((eb) =>
      eb
        .selectFrom('call_transfers as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('t.call_id', '=', 'c.id')
        .where('t.breach', '=', 1)
        .as('breaches'),
    );
}
export type CallListRow = Awaited<ReturnType<ReturnType<typeof callList>['execute']>>[number];

export function clientCalls(db: Db, clientId: number) {
  return callList(db)
    .where('c.client_id', '=', clientId)
    .orderBy('c.started_at', 'desc')
    .limit(30)
    .execute();
}

/** Logged calls, newest first; one operator's or everyone's. */
export function journal(db: Db, opts: { operatorId: number | null; since: string; limit: number }) {
  let q = callList(db).where('c.logged_at', 'is not', null).where('c.started_at', '>=', opts.since);
  if (opts.operatorId != null) q = q.where('c.operator_id', '=', opts.operatorId);
  return q.orderBy('c.started_at', 'desc').limit(opts.limit).execute();
}

/** PBX calls not logged yet: ringing or talking now, or ended recently (missed ones included). */
export function unloggedCalls(db: Db, opts: { userId: number | null; since: string }) {
  let q = callList(db).where('c.logged_at', 'is', null).where('c.started_at', '>=', opts.since);
  if (opts.userId != null) {
    const userId = opts.userId;
    q = q.where((eb) => eb.or([eb('c.operator_id', '=', userId), eb('c.operator_id', 'is', null)]));
  }
  return q.orderBy('c.started_at', 'desc').limit(50).execute();
}

/** Callbacks not yet made; an owner's own, or everyone's for a supervisor. */
export function openCallbacks(db: Db, ownerId: number | null) {
  let q = callList(db)
    .leftJoin('users as ow', 'ow.id', 'c.callback_owner_id')
    .select(['ow.name as owner', 'c.callback_owner_id as ownerId', 'c.client_id as clientId'])
    .where('c.outcome', '=', 'callback')
    .where('c.callback_done_at', 'is', null);
  if (ownerId != null) q = q.where('c.callback_owner_id', '=', ownerId);
  return q.orderBy('c.callback_at').limit(200).execute();
}

/** Unticked conduct items and two-transfer breaches of logged calls since a time (metrics). */
export async function conductStats(db: Db, since: string) {
  const missed = (col: string) => sql<number>`sum(case when ${sql.ref(col)} = 0 then 1 else 0 end)`;
  const row = await db
    .selectFrom('calls')
    .select((eb) => [
      eb.fn.countAll<number>().as('calls'),
      missed('chk_greeted').as('greeted'),
      missed('chk_asked_name').as('askedName'),
      missed('chk_used_name').as('usedName'),
      missed('chk_clarified').as('clarified'),
      missed('chk_solution').as('solution'),
    ])
    .where('logged_at', 'is not', null)
    .where('started_at', '>=', since)
    .executeTakeFirstOrThrow();
  const breaches = await db
    .selectFrom('call_transfers as t')
    .innerJoin('calls as c', 'c.id', 't.call_id')
    .select((eb) => eb.fn.count<number>('t.call_id').distinct().as('n'))
    .where('t.breach', '=', 1)
    .where('c.started_at', '>=', since)
    .executeTakeFirstOrThrow();
  return {
    calls: Number(row.calls),
    missed: {
      greeted: Number(row.greeted ?? 0),
      askedName: Number(row.askedName ?? 0),
      usedName: Number(row.usedName ?? 0),
      clarified: Number(row.clarified ?? 0),
      solution: Number(row.solution ?? 0),
    },
    callsWithBreach: Number(breaches.n),
  };
}
