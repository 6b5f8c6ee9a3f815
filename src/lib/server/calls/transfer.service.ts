import { nextTransfer } from '../../domain/calls/transfers';
import { callStart } from '../../domain/calls/duration';
import { clientDisplayName, normalizePhone } from '../../domain/clients/contacts';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { findClient } from '../clients/clients.queries';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { transferInput, type TransferInput } from './call-input';
import { callById, clientIdByPhone, insertTransfer } from './calls.queries';
import { assertPhoneTouchpoint, assertStaff, assertUnit } from './staff.queries';

const STAFF = ['operator', 'supervisor'] as const;

/**
 * Hands a call to a colleague or a unit (seed 001 §3.2.5: at most two transfers per call). The
 * third and later need a reason and are kept as breaches. What the operator has typed goes with
 * the call, and the call pops up for whoever receives it.
 */
export async function transferCall(ctx: ServiceContext, actor: Actor, raw: TransferInput) {
  assertRole(actor, STAFF);
  const parsed = transferInput.safeParse(raw);
  if (!parsed.success) {
    const target = parsed.error.issues.some((i) => i.message === 'target');
    throw new DomainError('INVALID', target ? 'calls.transferTarget' : 'calls.invalid');
  }
  const input = parsed.data;
  const me = actor.kind === 'user' ? actor.userId : null;
  if (input.toUserId && input.toUserId === me) {
    throw new DomainError('INVALID', 'calls.transferToSelf');
  }
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    if (input.toUserId) await assertStaff(trx, input.toUserId);
    if (input.toUnitId) await assertUnit(trx, input.toUnitId);
    let call = input.callId ? await callById(trx, input.callId) : undefined;
    if (input.callId && !call) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (call?.logged_at) throw new DomainError('CONFLICT', 'calls.alreadyLogged');
    const before = await trx
      .selectFrom('call_transfers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('call_id', '=', call?.id ?? 0)
      .executeTakeFirstOrThrow();
    const step = nextTransfer(Number(before.n));
    if (step.reasonRequired && !input.reason) {
      throw new DomainError('INVALID', 'calls.transferReasonRequired', { seq: step.seq });
    }
    const phone = input.callerNumber ? normalizePhone(input.callerNumber) : null;
    const clientId = phone ? await clientIdByPhone(trx, phone) : null;
    if (!call) {
      if (!input.touchpointId) throw new DomainError('INVALID', 'calls.invalid');
      await assertPhoneTouchpoint(trx, input.touchpointId);
      const startedAt = callStart(input.startedAt, now);
      const { id } = await trx
        .insertInto('calls')
        .values({
          touchpoint_id: input.touchpointId,
          caller_number: input.callerNumber || null,
          caller_phone: phone,
          client_id: clientId,
          operator_id: me,
          phase: 'answered',
          started_at: startedAt,
          answered_at: startedAt,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      call = (await callById(trx, id))!;
    }
    const placed = await insertTransfer(trx, {
      callId: call.id,
      at: nowIso,
      toUserId: input.toUserId,
      toUnitId: input.toUnitId,
      reason: input.reason || null,
      source: 'operator',
      byUserId: me,
    });
    await trx
      .updateTable('calls')
      .set({
        operator_id: input.toUserId ?? call.operator_id,
        draft: input.draft ? JSON.stringify(input.draft) : call.draft,
        updated_at: nowIso,
      })
      .where('id', '=', call.id)
      .execute();
    await recordAudit(trx, now, actor, {
      action: placed.breach ? 'call.transfer.breach' : 'call.transfer',
      entity: 'call',
      entityId: call.id,
      details: { seq: placed.seq, toUserId: input.toUserId, toUnitId: input.toUnitId },
    });
    const knownClient = call.client_id ?? clientId;
    const client = knownClient ? await findClient(trx, knownClient) : null;
    const line = call.line_id
      ? await trx
          .selectFrom('telephony_lines')
          .select('name')
          .where('id', '=', call.line_id)
          .executeTakeFirst()
      : undefined;
    emit('call.offered', {
      callId: call.id,
      userId: input.toUserId ?? null,
      unitId: input.toUnitId ?? null,
      phase: 'transferred',
      caller: call.caller_number,
      clientName: client ? clientDisplayName(client) || null : null,
      line: line?.name ?? null,
    });
    emit('call.updated', {
      callId: call.id,
      operatorId: input.toUserId ?? call.operator_id,
      phase: call.phase,
    });
    return { callId: call.id, seq: placed.seq, breach: placed.breach };
  });
}
