import { assertRole } from '../auth/access';
import { assign } from '../appeals/work.service';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { presenceOf } from '../realtime/presence.queries';
import {
  emptyFigures,
  liveFigures,
  openWorkByAssignee,
  waitingAppeals,
  type Figures,
} from './board.queries';

/** The reassignment list shows this many waiting appeals, oldest first. */
const BOARD_APPEALS = 200;

const sum = (rows: Figures[]): Figures =>
  rows.reduce(
    (t, f) => ({
      waiting: t.waiting + f.waiting,
      oldestAt: !t.oldestAt || (f.oldestAt && f.oldestAt < t.oldestAt) ? f.oldestAt : t.oldestAt,
      atRisk: t.atRisk + f.atRisk,
      breached: t.breached + f.breached,
      arrivedHour: t.arrivedHour + f.arrivedHour,
      answeredHour: t.answeredHour + f.answeredHour,
      callsNow: t.callsNow + f.callsNow,
    }),
    emptyFigures(),
  );

/**
 * The supervisor's live view: queues, touchpoints, operators and the waiting appeals (issue 11);
 * `appeals: false` leaves the list out (the wallboard shows figures only).
 */
export async function liveBoard(
  ctx: ServiceContext,
  actor: Actor,
  { appeals: withAppeals = true } = {},
) {
  assertRole(actor, ['supervisor']);
  const now = ctx.clock.now().getTime();
  const [figures, touchpoints, units, staff, work, appeals] = await Promise.all([
    liveFigures(ctx.db, now),
    ctx.db.selectFrom('touchpoints').select(['id', 'name', 'channel']).orderBy('name').execute(),
    ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
    ctx.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('r.role', '=', 'operator')
      .where('u.active', '=', 1)
      .distinct()
      .orderBy('u.name')
      .execute(),
    openWorkByAssignee(ctx.db),
    withAppeals ? waitingAppeals(ctx.db, BOARD_APPEALS) : [],
  ]);
  const presence = await presenceOf(
    ctx.db,
    staff.map((s) => s.id),
    now,
  );
  const viewing = [...presence.values()].map((p) => p.appealId).filter((id) => id != null);
  const numbers = viewing.length
    ? new Map(
        (
          await ctx.db
            .selectFrom('appeals')
            .select(['id', 'number'])
            .where('id', 'in', viewing)
            .execute()
        ).map((r) => [r.id, r.number]),
      )
    : new Map<number, string>();
  const queues = [
    { key: 'pool', name: null, ...(figures.byUnit.get(null) ?? emptyFigures()) },
    ...units.map((u) => ({
      key: `unit:${u.id}`,
      name: u.name,
      ...(figures.byUnit.get(u.id) ?? emptyFigures()),
    })),
  ];
  // Registered touchpoints without live work are left out; the registry lists them all.
  const byTouchpoint = touchpoints
    .map((t) => ({ ...t, ...(figures.byTouchpoint.get(t.id) ?? emptyFigures()) }))
    .filter((t) => t.waiting || t.arrivedHour || t.answeredHour || t.callsNow)
    .sort((a, b) => b.breached - a.breached || b.atRisk - a.atRisk || b.waiting - a.waiting);
  return {
    now: new Date(now).toISOString(),
    totals: sum([...figures.byTouchpoint.values()]),
    queues,
    touchpoints: byTouchpoint,
    operators: staff.map((s) => {
      const p = presence.get(s.id)!;
      return {
        ...s,
        status: p.status,
        viewing: p.appealId != null ? (numbers.get(p.appealId) ?? null) : null,
        openWork: work.get(s.id) ?? 0,
      };
    }),
    appeals,
  };
}

/**
 * A supervisor hands a selection of appeals to one operator (or back to the pool); each move is
 * an ordinary, audited assignment, so every console sees it at once.
 */
export async function reassign(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealIds: number[]; assigneeId: number | null; reason: string },
) {
  assertRole(actor, ['supervisor']);
  const ids = [...new Set(input.appealIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (!ids.length) throw new DomainError('INVALID', 'live.nothingSelected');
  const reason = input.reason.trim() || 'Перераспределение нагрузки руководителем';
  for (const appealId of ids) {
    await assign(ctx, actor, { appealId, assigneeId: input.assigneeId, reason });
  }
  return ids.length;
}
