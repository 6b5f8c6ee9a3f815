import { clientDisplayName, normalizePhone } from '../../domain/clients/contacts';
import {
  applyEvent,
  sameLine,
  type CallState,
  type TelephonyEvent,
} from '../../domain/calls/telephony';
import { clientIdByPhone, callByPbxId, insertTransfer, type CallRow } from '../calls/calls.queries';
import { findClient } from '../clients/clients.queries';
import { inTransaction, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { userForAgent, type LineRow } from './lines.queries';

export type EventOutcome = 'applied' | 'duplicate';

function stateOf(call: CallRow): CallState {
  return {
    phase: call.phase as CallState['phase'],
    startedAt: call.started_at,
    answeredAt: call.answered_at,
    endedAt: call.ended_at,
    durationSec: call.duration_sec,
    routedTo: call.routed_to,
    routedAt: call.routed_at,
  };
}

async function callerClient(trx: Db, phone: string | null) {
  if (!phone) return { clientId: null, clientName: null };
  const clientId = await clientIdByPhone(trx, phone);
  const client = clientId ? await findClient(trx, clientId) : undefined;
  return { clientId, clientName: client ? clientDisplayName(client) || null : null };
}

/**
 * One PBX event, once: the (call id, event, time) key is recorded in the same transaction as its
 * effect, so a repeat changes nothing, and the call's state is folded so that any order of
 * arrival gives the same call (domain/calls/telephony.ts).
 */
export async function receiveTelephonyEvent(
  ctx: ServiceContext,
  line: LineRow,
  ev: TelephonyEvent,
): Promise<{ outcome: EventOutcome; callId: number }> {
  if (!line.active) throw new DomainError('FORBIDDEN', 'telephony.lineInactive');
  if (!sameLine(ev.line, line.number)) throw new DomainError('FORBIDDEN', 'telephony.lineMismatch');
  const now = ctx.clock.now().toISOString();
  return retryOnUniqueViolation(() => apply(ctx, line, ev, now));
}

/** Two first events of one call at once: the loser of the insert runs again and sees the winner. */
async function retryOnUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { code?: string } | null)?.code;
    if (code !== '23505' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
    return work();
  }
}

function apply(ctx: ServiceContext, line: LineRow, ev: TelephonyEvent, now: string) {
  return inTransaction(ctx, async (trx, emit) => {
    const fresh = await trx
      .insertInto('telephony_events')
      .values({
        line_id: line.id,
        pbx_call_id: ev.callId,
        event: ev.event,
        at: ev.at,
        payload: JSON.stringify(ev),
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['pbx_call_id', 'event', 'at']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const existing = await callByPbxId(trx, ev.callId);
    if (!fresh) return { outcome: 'duplicate' as const, callId: existing?.id ?? 0 };

    const phone = ev.caller ? normalizePhone(ev.caller) : null;
    const { state, offer } = applyEvent(existing ? stateOf(existing) : null, ev);
    const who = await callerClient(trx, phone ?? existing?.caller_phone ?? null);
    const routedUser = state.routedTo ? await userForAgent(trx, state.routedTo) : null;
    const operatorId = routedUser ?? existing?.operator_id ?? null;
    const values = {
      phase: state.phase,
      started_at: state.startedAt,
      answered_at: state.answeredAt,
      ended_at: state.endedAt,
      duration_sec: state.durationSec,
      routed_to: state.routedTo,
      routed_at: state.routedAt,
      operator_id: existing?.logged_at ? existing.operator_id : operatorId,
      updated_at: now,
    };
    let callId: number;
    if (existing) {
      callId = existing.id;
      await trx
        .updateTable('calls')
        .set({
          ...values,
          caller_number: existing.caller_number ?? ev.caller ?? null,
          caller_phone: existing.caller_phone ?? phone,
          client_id: existing.client_id ?? who.clientId,
        })
        .where('id', '=', callId)
        .execute();
    } else {
      ({ id: callId } = await trx
        .insertInto('calls')
        .values({
          ...values,
          pbx_call_id: ev.callId,
          line_id: line.id,
          touchpoint_id: line.touchpointId,
          caller_number: ev.caller ?? null,
          caller_phone: phone,
          client_id: who.clientId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    if (ev.event === 'transferred') {
      const target = ev.target ?? ev.agent ?? null;
      const toUserId = target ? await userForAgent(trx, target) : null;
      await insertTransfer(trx, {
        callId,
        at: ev.at,
        toUserId,
        toText: toUserId ? null : target,
        reason: ev.reason ?? null,
        source: 'pbx',
      });
    }
    await trx
      .updateTable('telephony_events')
      .set({ call_id: callId })
      .where('id', '=', fresh.id)
      .execute();
    await trx
      .updateTable('telephony_lines')
      .set({ last_event_at: now })
      .where('id', '=', line.id)
      .execute();
    announce(emit, {
      callId,
      offer: offer && !existing?.logged_at,
      userId: routedUser ?? (existing ? existing.operator_id : null) ?? line.defaultUserId,
      phase: ev.event === 'transferred' ? 'transferred' : state.phase,
      caller: ev.caller ?? existing?.caller_number ?? null,
      clientName: who.clientName,
      line: line.name,
      operatorId: values.operator_id,
    });
    return { outcome: 'applied' as const, callId };
  });
}

function announce(
  emit: Emit,
  a: {
    callId: number;
    offer: boolean;
    userId: number | null;
    phase: string;
    caller: string | null;
    clientName: string | null;
    line: string;
    operatorId: number | null;
  },
) {
  if (a.offer) {
    emit('call.offered', {
      callId: a.callId,
      userId: a.userId,
      unitId: null,
      phase: a.phase,
      caller: a.caller,
      clientName: a.clientName,
      line: a.line,
    });
  }
  emit('call.updated', { callId: a.callId, operatorId: a.operatorId, phase: a.phase });
}
