import { dueAt, type Pause } from '../../domain/deadlines/arithmetic';
import type { Db } from '../db';
import { deadlineState, policyById, workTime } from './deadlines.queries';

const pausesOf = (json: string): Pause[] => JSON.parse(json) as Pause[];

/**
 * Writes the appeal's ack / first response / answer deadlines from its policy, the pauses and the
 * extension. The acknowledgement is not paused: registration does not wait for the client.
 */
export async function recomputeDue(trx: Db, appealId: number, now: string): Promise<void> {
  const st = await deadlineState(trx, appealId);
  if (!st?.policy_id) return;
  const policy = await policyById(trx, st.policy_id);
  if (!policy) return;
  const work = await workTime(trx);
  const pauses = pausesOf(st.pauses);
  if (st.paused_since) pauses.push({ from: st.paused_since, to: now });
  const due = (t: typeof policy.ack, p: Pause[], ext = 0) =>
    t ? dueAt(st.started_at, t, work, p, ext) : null;
  await trx
    .updateTable('appeals')
    .set({
      ack_due_at: due(policy.ack, []),
      first_response_due_at: due(policy.first, pauses),
      answer_due_at: due(policy.answer, pauses, st.extension_days),
    })
    .where('id', '=', appealId)
    .execute();
  // 59-FZ art. 8 p. 3, 8-FZ art. 18 p. 7: forwarded to the competent body within days of registration.
  const forwardDue = policy.forwardDays
    ? dueAt(st.started_at, { amount: policy.forwardDays, unit: 'calendar_days' }, work)
    : null;
  if (forwardDue !== st.forward_due_at) {
    await trx
      .updateTable('appeal_deadlines')
      .set({ forward_due_at: forwardDue })
      .where('appeal_id', '=', appealId)
      .execute();
  }
}

/** What settling the forwarding deadline needs to know of the appeal's deadline row. */
export interface ForwardState {
  forward_due_at: string | null;
  forward_done_at: string | null;
  forward_breached_at: string | null;
}

/**
 * The forwarding watch ends: the appeal went to the competent body, got another disposition, was
 * answered or closed, or an operator confirmed its topic among the agency's own processes (the
 * competence is decided). A breach keeps its time over.
 */
export async function settleForward(
  trx: Db,
  appealId: number,
  at: string,
  known?: ForwardState,
): Promise<void> {
  const st = known ?? (await deadlineState(trx, appealId));
  if (!st?.forward_due_at || st.forward_done_at) return;
  await trx
    .updateTable('appeal_deadlines')
    .set({
      forward_done_at: at,
      ...(st.forward_breached_at
        ? { forward_over_ms: Math.max(0, Date.parse(at) - Date.parse(st.forward_due_at)) }
        : {}),
    })
    .where('appeal_id', '=', appealId)
    .where('forward_done_at', 'is', null)
    .execute();
}

/** The appeal waits for the client: the clock stops (issue 10). */
export async function pauseClock(trx: Db, appealId: number, now: string): Promise<void> {
  await trx
    .updateTable('appeal_deadlines')
    .set({ paused_since: now })
    .where('appeal_id', '=', appealId)
    .where('paused_since', 'is', null)
    .execute();
}

/** The client replied or the operator took the appeal back: the clock runs on from where it stopped. */
export async function resumeClock(trx: Db, appealId: number, now: string): Promise<void> {
  const st = await deadlineState(trx, appealId);
  if (!st?.paused_since) return;
  const pauses = [...pausesOf(st.pauses), { from: st.paused_since, to: now }];
  await trx
    .updateTable('appeal_deadlines')
    .set({
      paused_since: null,
      pauses: JSON.stringify(pauses),
      paused_ms: st.paused_ms + Math.max(0, Date.parse(now) - Date.parse(st.paused_since)),
    })
    .where('appeal_id', '=', appealId)
    .execute();
  await recomputeDue(trx, appealId, now);
}

/** Pause or resume after a status change; any other change leaves the clock as it is. */
export async function clockAfterStatus(
  trx: Db,
  appealId: number,
  from: string,
  to: string,
  now: string,
): Promise<void> {
  if (to === 'waiting' && from !== 'waiting') await pauseClock(trx, appealId, now);
  else if (from === 'waiting' && to !== 'waiting') await resumeClock(trx, appealId, now);
}
