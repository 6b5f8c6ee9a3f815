import { addWorkingDays, moscowDate } from '../../domain/calendar';
import { toMoscowInput } from '../../domain/calls/moscow';
import { normalizePhone } from '../../domain/clients/contacts';
import { assertRole } from '../auth/access';
import { calendarOverrides } from '../calendar/calendar.service';
import { findClient } from '../clients/clients.queries';
import type { Actor, ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { parseDraft } from './call-input';
import {
  callById,
  clientAppeals,
  clientCalls,
  clientIdByPhone,
  transfersOf,
  type CallListRow,
} from './calls.queries';
import { publishedScripts } from './scripts.service';
import { staffList } from './staff.queries';

const STAFF = ['operator', 'supervisor'] as const;
const FOLLOW_UP_WORKING_DAYS = 3;
const CALLBACK_AFTER_MS = 2 * 3_600_000;

/** Counts come back as strings from PostgreSQL. */
export const listItem = (r: CallListRow) => ({
  ...r,
  transfers: Number(r.transfers ?? 0),
  breaches: Number(r.breaches ?? 0),
});
export type CallListItem = ReturnType<typeof listItem>;

async function callerFor(db: Db, phone: string | null, clientId: number | null) {
  if (!clientId) return { phone, client: null, appeals: [], calls: [] };
  const [client, appeals, calls] = await Promise.all([
    findClient(db, clientId),
    clientAppeals(db, clientId),
    clientCalls(db, clientId),
  ]);
  return { phone, client: client ?? null, appeals, calls: calls.map(listItem) };
}
export type CallerInfo = Awaited<ReturnType<typeof callerFor>>;

/** The client behind a number, their open appeals and their history of appeals and calls. */
export async function lookupCaller(ctx: ServiceContext, actor: Actor, number: string) {
  assertRole(actor, STAFF);
  const phone = normalizePhone(number);
  return callerFor(ctx.db, phone, phone ? await clientIdByPhone(ctx.db, phone) : null);
}

/** Everything the call screen needs, pre-filled from the PBX call, a handover or a callback. */
export async function callScreen(
  ctx: ServiceContext,
  actor: Actor,
  opts: { id: number | null; callback?: number | null; phone?: string | null },
) {
  assertRole(actor, STAFF);
  const db = ctx.db;
  const call = opts.id ? await callById(db, opts.id) : undefined;
  if (opts.id && !call) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const callback = opts.callback ? await callbackSource(db, opts.callback) : null;
  const number = call?.caller_number ?? callback?.callerNumber ?? opts.phone?.trim() ?? null;
  const phone = number ? normalizePhone(number) : null;
  const clientId =
    call?.client_id ?? callback?.clientId ?? (phone ? await clientIdByPhone(db, phone) : null);
  const now = ctx.clock.now();
  const [
    caller,
    transfers,
    touchpoints,
    processes,
    scripts,
    staff,
    units,
    overrides,
    line,
    logged,
  ] = await Promise.all([
    callerFor(db, phone, clientId),
    call ? transfersOf(db, call.id) : Promise.resolve([]),
    db
      .selectFrom('touchpoints')
      .select(['id', 'name', 'address'])
      .where('channel', '=', 'phone')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('registry_rows as r')
      .innerJoin('processes as p', 'p.id', 'r.process_id')
      .innerJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
      .select(['p.id', 'p.name', 'r.touchpoint_id as touchpointId'])
      .where('t.channel', '=', 'phone')
      .orderBy('p.name')
      .execute(),
    publishedScripts(db),
    staffList(db),
    db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
    calendarOverrides(db),
    call?.line_id
      ? db
          .selectFrom('telephony_lines')
          .select(['name', 'number', 'touchpoint_id as touchpointId'])
          .where('id', '=', call.line_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    call?.logged_at ? loggedSummary(db, call.id) : Promise.resolve(null),
  ]);
  return {
    call: call
      ? {
          id: call.id,
          pbx: call.pbx_call_id != null,
          phase: call.phase,
          startedAt: call.started_at,
          answeredAt: call.answered_at,
          endedAt: call.ended_at,
          durationSec: call.duration_sec,
          operatorId: call.operator_id,
        }
      : null,
    logged,
    line: line ?? null,
    callerNumber: number,
    caller,
    draft: parseDraft(call?.draft ?? null),
    callback,
    transfers: transfers.map((t) => ({ ...t, breach: !!t.breach })),
    touchpoints,
    processes,
    scripts,
    staff,
    units,
    defaults: {
      touchpointId:
        call?.touchpoint_id ?? line?.touchpointId ?? callback?.touchpointId ?? touchpoints[0]?.id,
      followUpDue: addWorkingDays(moscowDate(now), FOLLOW_UP_WORKING_DAYS, overrides),
      callbackAt: toMoscowInput(new Date(now.getTime() + CALLBACK_AFTER_MS)),
    },
  };
}

/** The callback a new call makes: its client, number and appeal carry over. */
async function callbackSource(db: Db, id: number) {
  const row = await db
    .selectFrom('calls as c')
    .leftJoin('appeals as a', 'a.id', 'c.appeal_id')
    .leftJoin('clients as cl', 'cl.id', 'c.client_id')
    .select([
      'c.id',
      'c.caller_number as callerNumber',
      'c.client_id as clientId',
      'c.touchpoint_id as touchpointId',
      'c.process_id as processId',
      'c.topic',
      'c.callback_at as callbackAt',
      'c.callback_done_at as doneAt',
      'a.number as appealNumber',
      'cl.surname',
      'cl.first_name as firstName',
      'cl.patronymic',
    ])
    .where('c.id', '=', id)
    .where('c.outcome', '=', 'callback')
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return row;
}

async function loggedSummary(db: Db, callId: number) {
  return db
    .selectFrom('calls as c')
    .innerJoin('appeals as a', 'a.id', 'c.appeal_id')
    .leftJoin('users as u', 'u.id', 'c.logged_by')
    .select([
      'a.number as appealNumber',
      'a.status as appealStatus',
      'c.outcome',
      'c.topic',
      'c.notes',
      'c.logged_at as loggedAt',
      'u.name as loggedBy',
      'c.callback_at as callbackAt',
      'c.chk_greeted as greeted',
      'c.chk_asked_name as askedName',
      'c.chk_used_name as usedName',
      'c.chk_clarified as clarified',
      'c.chk_solution as solution',
    ])
    .where('c.id', '=', callId)
    .executeTakeFirst()
    .then((r) => r ?? null);
}
