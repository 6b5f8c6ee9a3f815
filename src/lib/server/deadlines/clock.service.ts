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
