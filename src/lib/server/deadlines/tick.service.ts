import { OPEN_STATUSES } from '../../domain/appeals/status';
import { usedShare } from '../../domain/deadlines/arithmetic';
import { inTransaction, type ServiceContext } from '../context';
import { settleForward } from './clock.service';
import { deadlineSettings } from './deadlines.queries';

export interface TickReport {
  warned: number;
  breached: number;
  settled: number;
  forwardWarned: number;
  forwardBreached: number;
}

/**
 * One pass of the deadline watch: warns the assignee and the supervisors once a share of the time
 * to answer is used (default 80 %, a setting) and records breaches with the time over (issue 10).
 * Paused appeals are skipped: their clock is stopped.
 */
/** What a deadline warning or breach tells the assignee, the unit and supervisors. */
const alertOf = (
  r: { id: number; number: string; assignee_id: number | null; unit_id: number | null },
  dueAt: string,
) => ({ appealId: r.id, number: r.number, assigneeId: r.assignee_id, unitId: r.unit_id, dueAt });

export async function deadlineTick(ctx: ServiceContext): Promise<TickReport> {
  const report: TickReport = {
    warned: 0,
    breached: 0,
    settled: 0,
    forwardWarned: 0,
    forwardBreached: 0,
  };
  const now = ctx.clock.now().toISOString();
  const { warnShare } = await deadlineSettings(ctx.db);
  const watched = await ctx.db
    .selectFrom('appeal_deadlines as d')
    .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select([
      'a.id',
      'a.number',
      'a.assignee_id',
      'a.unit_id',
      'a.status',
      'a.answer_due_at',
      'a.answered_at',
      'a.closed_at',
      'd.started_at',
      'd.paused_ms',
      'd.paused_since',
      'd.warned_at',
      'd.breached_at',
      'd.breach_settled_at',
    ])
    .where('a.answer_due_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.status', 'in', [...OPEN_STATUSES]), eb('d.breached_at', 'is', null)]),
        eb.and([eb('d.breached_at', 'is not', null), eb('d.breach_settled_at', 'is', null)]),
        eb.and([
          eb('d.breached_at', 'is', null),
          eb('a.answered_at', 'is not', null),
          eb('a.answered_at', '>', eb.ref('a.answer_due_at')),
        ]),
      ]),
    )
    .orderBy('a.id')
    .limit(5000)
    .execute();
  for (const r of watched) {
    const due = r.answer_due_at!;
    const alert = alertOf(r, due);
    const finishedAt = r.answered_at ?? r.closed_at;
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
    const endAt = finishedAt && !open ? finishedAt : now;
    const late = Date.parse(endAt) > Date.parse(due);
    await inTransaction(ctx, async (trx, emit) => {
      if (r.breached_at) {
        const overMs = Date.parse(endAt) - Date.parse(due);
        await trx
          .updateTable('appeal_deadlines')
          .set({ over_ms: overMs, breach_settled_at: open ? null : now })
          .where('appeal_id', '=', r.id)
          .execute();
        if (!open) report.settled++;
        return;
      }
      if (late && !r.paused_since) {
        const overMs = Date.parse(endAt) - Date.parse(due);
        await trx
          .updateTable('appeal_deadlines')
          .set({ breached_at: now, over_ms: overMs, breach_settled_at: open ? null : now })
          .where('appeal_id', '=', r.id)
          .execute();
        emit('deadline.breached', { ...alert, overMs });
        report.breached++;
        return;
      }
      if (
        open &&
        !r.warned_at &&
        !r.paused_since &&
        usedShare(r.started_at, due, now, r.paused_ms) >= warnShare
      ) {
        await trx
          .updateTable('appeal_deadlines')
          .set({ warned_at: now })
          .where('appeal_id', '=', r.id)
          .execute();
        emit('deadline.warning', alert);
        report.warned++;
      }
    });
  }
  await forwardTick(ctx, now, warnShare, report);
  return report;
}

/**
 * The forwarding deadline (59-FZ art. 8 p. 3, 8-FZ art. 18 p. 7): warned and breached like the
 * answer while the appeal is neither forwarded nor otherwise decided; an answered or closed appeal
 * settles it.
 */
async function forwardTick(
  ctx: ServiceContext,
  now: string,
  warnShare: number,
  report: TickReport,
): Promise<void> {
  const rows = await ctx.db
    .selectFrom('appeal_deadlines as d')
    .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
    .select([
      'a.id',
      'a.number',
      'a.assignee_id',
      'a.unit_id',
      'a.status',
      'a.answered_at',
      'a.closed_at',
      'd.started_at',
      'd.forward_due_at',
      'd.forward_done_at',
      'd.forward_warned_at',
      'd.forward_breached_at',
    ])
    .where('d.forward_due_at', 'is not', null)
    .where('d.forward_done_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('d.forward_breached_at', 'is', null),
        eb('a.status', 'not in', [...OPEN_STATUSES]),
        eb('a.answered_at', 'is not', null),
      ]),
    )
    .orderBy('a.id')
    .limit(5000)
    .execute();
  for (const r of rows) {
    const due = r.forward_due_at!;
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
    if (!open || r.answered_at) {
      await inTransaction(ctx, (trx) =>
        settleForward(trx, r.id, r.answered_at ?? r.closed_at ?? now, r),
      );
      continue;
    }
    const alert = { ...alertOf(r, due), target: 'forward' as const };
    if (!r.forward_breached_at && Date.parse(now) > Date.parse(due)) {
      await inTransaction(ctx, async (trx, emit) => {
        await trx
          .updateTable('appeal_deadlines')
          .set({ forward_breached_at: now })
          .where('appeal_id', '=', r.id)
          .execute();
        emit('deadline.breached', { ...alert, overMs: Date.parse(now) - Date.parse(due) });
      });
      report.forwardBreached++;
    } else if (
      !r.forward_warned_at &&
      !r.forward_breached_at &&
      usedShare(r.started_at, due, now) >= warnShare
    ) {
      await inTransaction(ctx, async (trx, emit) => {
        await trx
          .updateTable('appeal_deadlines')
          .set({ forward_warned_at: now })
          .where('appeal_id', '=', r.id)
          .execute();
        emit('deadline.warning', alert);
      });
      report.forwardWarned++;
    }
  }
}

/** Open warnings and breaches, most urgent first, for the supervisors' list. */
export function deadlineAlerts(ctx: ServiceContext, limit = 100) {
  return ctx.db
    .selectFrom('appeal_deadlines as d')
    .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select([
      'a.id',
      'a.number',
      'a.subject',
      'a.status',
      'a.answer_due_at as dueAt',
      'u.name as assignee',
      'd.warned_at as warnedAt',
      'd.breached_at as breachedAt',
      'd.over_ms as overMs',
    ])
    .where((eb) => eb.or([eb('d.warned_at', 'is not', null), eb('d.breached_at', 'is not', null)]))
    .where('d.breach_settled_at', 'is', null)
    .where('a.status', 'in', [...OPEN_STATUSES])
    .orderBy('a.answer_due_at')
    .limit(limit)
    .execute();
}
