import { CHECKLIST_COLUMNS, missedItems, type Checklist } from '../../domain/calls/checklist';
import { callStart, secondsBetween } from '../../domain/calls/duration';
import { appealStatusAfter, outcomeProblem, type Outcome } from '../../domain/calls/outcomes';
import { normalizePhone } from '../../domain/clients/contacts';
import { appealById } from '../appeals/appeals.queries';
import { receiveInboundIn } from '../appeals/inbound.service';
import { findByExternalId, insertInteraction } from '../appeals/interactions.queries';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { sendCallSurvey } from '../surveys/call-survey';
import { callInput, type CallInput } from './call-input';
import { callById } from './calls.queries';
import { assertPhoneTouchpoint, assertStaff, assertUnit } from './staff.queries';

const STAFF = ['operator', 'supervisor'] as const;

const checklistValues = (c: Checklist) =>
  Object.fromEntries(
    Object.entries(CHECKLIST_COLUMNS).map(([item, col]) => [
      col,
      c[item as keyof Checklist] ? 1 : 0,
    ]),
  ) as Record<(typeof CHECKLIST_COLUMNS)[keyof Checklist], number>;

/**
 * Saves a call: the client is matched by number and name, the call joins an open appeal or opens
 * one through the channels' common entry point, and the outcome settles the appeal — closed when
 * resolved, open with an owner and a deadline otherwise. All in one transaction.
 */
export async function logCall(ctx: ServiceContext, actor: Actor, raw: CallInput) {
  assertRole(actor, STAFF);
  const parsed = callInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('INVALID', 'calls.invalid', {
      fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', '),
    });
  }
  const input = parsed.data;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const problem = outcomeProblem(input, now);
  if (problem) throw new DomainError('INVALID', problem);
  if (!input.callId && !input.key) throw new DomainError('INVALID', 'calls.invalid');
  const me = actor.kind === 'user' ? actor.userId : null;

  return inTransaction(ctx, async (trx, emit) => {
    await assertPhoneTouchpoint(trx, input.touchpointId);
    if (input.ownerId) await assertStaff(trx, input.ownerId);
    if (input.unitId) await assertUnit(trx, input.unitId);
    let call = input.callId ? await callById(trx, input.callId) : undefined;
    if (input.callId && !call) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (call?.logged_at) throw new DomainError('CONFLICT', 'calls.alreadyLogged');
    const externalId = call ? `call:${call.id}` : `call:m:${input.key}`;
    if (await findByExternalId(trx, externalId)) {
      throw new DomainError('CONFLICT', 'calls.alreadyLogged');
    }
    const phone = input.callerNumber ? normalizePhone(input.callerNumber) : null;
    if (!call) {
      const startedAt = callStart(input.startedAt, now);
      const { id } = await trx
        .insertInto('calls')
        .values({
          touchpoint_id: input.touchpointId,
          caller_number: input.callerNumber || null,
          caller_phone: phone,
          operator_id: me,
          phase: 'ended',
          started_at: startedAt,
          answered_at: startedAt,
          ended_at: nowIso,
          duration_sec: secondsBetween(startedAt, nowIso),
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      call = (await callById(trx, id))!;
    }
    const transfers = await trx
      .selectFrom('call_transfers')
      .select(['breach'])
      .where('call_id', '=', call.id)
      .execute();
    const inbound = await receiveInboundIn(
      trx,
      emit,
      ctx,
      {
        touchpointId: input.touchpointId,
        kind: 'call',
        client: {
          surname: input.surname,
          firstName: input.firstName,
          patronymic: input.patronymic,
          phone: phone ?? call.caller_phone,
        },
        subject: input.topic,
        text: input.notes || input.topic,
        at: call.started_at,
        externalId,
        appealNumber: input.appealNumber || null,
        processId: input.processId,
        meta: {
          callId: call.id,
          outcome: input.outcome,
          missed: missedItems(input.checklist),
          transfers: transfers.length,
          breach: transfers.some((t) => t.breach),
        },
      },
      actor,
    );
    const appeal = (await appealById(trx, inbound.appealId))!;
    const callbackOwner = input.outcome === 'callback' ? (input.ownerId ?? me) : null;
    if (input.outcome === 'callback' && !callbackOwner) {
      throw new DomainError('INVALID', 'calls.ownerRequired');
    }
    const handedOver = call.pbx_call_id == null && !call.ended_at;
    const logged = await trx
      .updateTable('calls')
      .set({
        ...(handedOver && {
          phase: 'ended',
          ended_at: nowIso,
          duration_sec: secondsBetween(call.answered_at ?? call.started_at, nowIso),
        }),
        appeal_id: appeal.id,
        client_id: appeal.client_id,
        touchpoint_id: input.touchpointId,
        process_id: input.processId ?? appeal.process_id,
        caller_number: call.caller_number ?? (input.callerNumber || null),
        caller_phone: call.caller_phone ?? phone,
        operator_id: me ?? call.operator_id,
        topic: input.topic,
        notes: input.notes || null,
        outcome: input.outcome,
        callback_at: input.outcome === 'callback' ? input.callbackAt! : null,
        callback_owner_id: callbackOwner,
        ...checklistValues(input.checklist),
        draft: null,
        logged_at: nowIso,
        logged_by: me,
        updated_at: nowIso,
      })
      .where('id', '=', call.id)
      .where('logged_at', 'is', null)
      .executeTakeFirst();
    if (!Number(logged.numUpdatedRows)) throw new DomainError('CONFLICT', 'calls.alreadyLogged');

    await settleAppeal(trx, emit, appeal, {
      outcome: input.outcome,
      by: me,
      ownerId: input.outcome === 'callback' ? callbackOwner : (input.ownerId ?? null),
      unitId: input.outcome === 'follow_up' ? (input.unitId ?? null) : null,
      dueAt: input.outcome === 'follow_up' ? input.dueAt! : (input.callbackAt ?? null),
      now: nowIso,
    });
    if (input.completesCallback) {
      await completeCallback(trx, emit, input.completesCallback, call.id, nowIso);
    }
    if (input.scriptId) await noteScriptUse(trx, input.scriptId, appeal, me, nowIso);
    // Issue 12: a caller with a known e-mail gets the survey link of this call by e-mail.
    await sendCallSurvey(trx, emit, {
      callId: call.id,
      appealId: appeal.id,
      operatorId: me ?? call.operator_id,
      now: nowIso,
    });
    await recordAudit(trx, now, actor, {
      action: 'call.log',
      entity: 'call',
      entityId: call.id,
      details: { appeal: appeal.number, outcome: input.outcome },
    });
    emit('call.logged', { callId: call.id, appealId: appeal.id, operatorId: me });
    if (callbackOwner && input.callbackAt) {
      emit('callback.scheduled', {
        callId: call.id,
        ownerId: callbackOwner,
        callbackAt: input.callbackAt,
      });
    }
    return { callId: call.id, appealId: appeal.id, appealNumber: appeal.number };
  });
}

type Appeal = NonNullable<Awaited<ReturnType<typeof appealById>>>;

/** The appeal after the call: who owns it, by when, and whether it is closed (see outcomes.ts). */
async function settleAppeal(
  trx: Db,
  emit: Emit,
  appeal: Appeal,
  o: {
    outcome: Outcome;
    by: number | null;
    ownerId: number | null;
    unitId: number | null;
    dueAt: string | null;
    now: string;
  },
) {
  const status = appealStatusAfter(o.outcome);
  const assignee = o.ownerId ?? appeal.assignee_id ?? o.by;
  const unitId = o.unitId ?? appeal.unit_id;
  const resolved = o.outcome === 'resolved';
  await trx
    .updateTable('appeals')
    .set({
      status,
      assignee_id: assignee,
      unit_id: unitId,
      answer_due_at: resolved ? appeal.answer_due_at : o.dueAt,
      first_response_at: appeal.first_response_at ?? o.now,
      answered_at: resolved ? o.now : appeal.answered_at,
      closed_at: resolved ? o.now : null,
      updated_at: o.now,
    })
    .where('id', '=', appeal.id)
    .execute();
  const system = (kind: string, meta: Record<string, unknown>) =>
    insertInteraction(trx, {
      appealId: appeal.id,
      direction: 'system',
      kind,
      authorId: o.by,
      at: o.now,
      meta,
    });
  if (assignee !== appeal.assignee_id || unitId !== appeal.unit_id) {
    const interactionId = await system('assigned', {
      fromAssignee: appeal.assignee_id,
      toAssignee: assignee,
      fromUnit: appeal.unit_id,
      toUnit: unitId,
    });
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'system' });
  }
  if (status !== appeal.status) {
    const interactionId = await system('status', { from: appeal.status, to: status });
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'system' });
  }
  emit('appeal.updated', { appealId: appeal.id, status, assigneeId: assignee, unitId });
}

async function completeCallback(trx: Db, emit: Emit, id: number, byCall: number, now: string) {
  const cb = await callById(trx, id);
  if (!cb || cb.outcome !== 'callback') throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (cb.callback_done_at) throw new DomainError('CONFLICT', 'calls.callbackDone');
  await trx
    .updateTable('calls')
    .set({ callback_done_at: now, callback_done_call_id: byCall, updated_at: now })
    .where('id', '=', id)
    .execute();
  if (cb.callback_owner_id) emit('callback.done', { callId: id, ownerId: cb.callback_owner_id });
}

async function noteScriptUse(
  trx: Db,
  scriptId: number,
  appeal: Appeal,
  userId: number | null,
  now: string,
) {
  const script = await trx
    .selectFrom('templates')
    .select('id')
    .where('id', '=', scriptId)
    .where('kind', '=', 'script')
    .executeTakeFirst();
  if (!script) return;
  await trx
    .insertInto('template_usage')
    .values({
      template_id: script.id,
      appeal_id: appeal.id,
      touchpoint_id: appeal.touchpoint_id,
      user_id: userId,
      used_at: now,
    })
    .execute();
}
