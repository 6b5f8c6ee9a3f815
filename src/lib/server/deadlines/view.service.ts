import type { Actor, ServiceContext } from '../context';
import { assertRole } from '../auth/access';
import { DISPOSITIONS } from './actions.service';
import { deadlineState, policyById } from './deadlines.queries';
import { deferralNoticeDue } from './deferral';
import type { AppealDeadlinesData, DeadlineTarget } from '../../domain/deadlines/view';
import { parseDecisions } from './decisions';

/** Everything the «Сроки» block of an appeal shows: deadlines, time left, the automatic decisions and their reasons. */
export async function appealDeadlines(
  ctx: ServiceContext,
  actor: Actor,
  appealId: number,
): Promise<AppealDeadlinesData> {
  assertRole(actor, ['operator', 'supervisor', 'admin']);
  const a = await ctx.db
    .selectFrom('appeals')
    .select([
      'id',
      'process_id',
      'ack_due_at',
      'first_response_due_at',
      'answer_due_at',
      'first_response_at',
      'answered_at',
    ])
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const st = await deadlineState(ctx.db, appealId);
  const policy = st?.policy_id ? await policyById(ctx.db, st.policy_id) : null;
  const firstOut = await ctx.db
    .selectFrom('interactions')
    .select('at')
    .where('appeal_id', '=', appealId)
    .where('direction', '=', 'out')
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  const targets: DeadlineTarget[] = [];
  if (a.ack_due_at)
    targets.push({ kind: 'ack', dueAt: a.ack_due_at, doneAt: firstOut?.at ?? null });
  if (a.first_response_due_at) {
    targets.push({ kind: 'first', dueAt: a.first_response_due_at, doneAt: a.first_response_at });
  }
  if (a.answer_due_at)
    targets.push({ kind: 'answer', dueAt: a.answer_due_at, doneAt: a.answered_at });
  if (st?.forward_due_at) {
    targets.push({ kind: 'forward', dueAt: st.forward_due_at, doneAt: st.forward_done_at });
  }
  const deferral =
    policy?.basis === 'fz8' && st
      ? {
          until:
            policy.noticeDays != null
              ? await deferralNoticeDue(ctx.db, st.started_at, policy.noticeDays)
              : null,
        }
      : null;
  return {
    appealId,
    now: ctx.clock.now().toISOString(),
    policy: policy
      ? { name: policy.name, basis: policy.basis, extensionDays: policy.extensionDays }
      : null,
    targets,
    pausedSince: st?.paused_since ?? null,
    pausedMs: st?.paused_ms ?? 0,
    extension: st?.extension_days
      ? { days: st.extension_days, reason: st.extension_reason, at: st.extended_at }
      : null,
    forwarded:
      st?.forwarded_to && st.forwarded_at ? { to: st.forwarded_to, at: st.forwarded_at } : null,
    disposition: st?.disposition ?? null,
    warnedAt: st?.warned_at ?? null,
    breachedAt: st?.breached_at ?? null,
    overMs: st?.over_ms ?? null,
    decisions: parseDecisions(st?.decisions ?? '[]'),
    processId: a.process_id,
    processes: await ctx.db
      .selectFrom('processes')
      .select(['id', 'name'])
      .orderBy('name')
      .execute(),
    dispositions: DISPOSITIONS,
    deferral,
    messageKind: st?.message_kind ?? null,
  };
}
