import { OPEN_STATUSES } from '../../domain/appeals/status';
import { seesEveryAppeal } from '../../domain/appeals/visibility';
import type { AlertRow, AlertState } from '../../domain/deadlines/alerts';
import { unitIdsOf } from '../appeals/access';
import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';

export interface AlertFilters {
  state?: AlertState | null;
  unitId?: number | null;
  assigneeId?: number | null;
}

const LIMIT = 500;

/**
 * Open deadline warnings and breaches (issue 10), the answer's and the forwarding's, most urgent
 * first: supervisors see all of them, operators their own and their units'.
 */
export async function deadlineList(
  ctx: ServiceContext,
  actor: Actor,
  filters: AlertFilters = {},
): Promise<{
  now: string;
  rows: AlertRow[];
  units: { id: number; name: string }[];
  assignees: { id: number; name: string }[];
}> {
  assertRole(actor, ['operator', 'supervisor']);
  const now = ctx.clock.now().toISOString();
  const all = actor.kind === 'system' || seesEveryAppeal(actor.roles);
  const me = actor.kind === 'user' ? actor.userId : null;
  const myUnits = all ? [] : await unitIdsOf(ctx.db, me!);

  const base = () => {
    let q = ctx.db
      .selectFrom('appeal_deadlines as d')
      .innerJoin('appeals as a', 'a.id', 'd.appeal_id')
      .leftJoin('users as u', 'u.id', 'a.assignee_id')
      .leftJoin('units as un', 'un.id', 'a.unit_id')
      .where('a.status', 'in', [...OPEN_STATUSES]);
    if (!all) {
      // As in the inbox (domain/appeals/visibility): own work, the common pool, my units.
      q = q.where((eb) =>
        eb.or([
          eb('a.assignee_id', '=', me!),
          eb('a.unit_id', 'is', null),
          ...(myUnits.length ? [eb('a.unit_id', 'in', myUnits)] : []),
        ]),
      );
    }
    if (filters.unitId) q = q.where('a.unit_id', '=', filters.unitId);
    if (filters.assigneeId) q = q.where('a.assignee_id', '=', filters.assigneeId);
    return q;
  };
  const cols = [
    'a.id',
    'a.number',
    'a.subject',
    'a.status',
    'a.assignee_id as assigneeId',
    'u.name as assignee',
    'a.unit_id as unitId',
    'un.name as unit',
  ] as const;

  const [answers, forwards] = await Promise.all([
    base()
      .select([...cols, 'a.answer_due_at as dueAt', 'd.breached_at as breachedAt'])
      .where('a.answer_due_at', 'is not', null)
      .where('d.breach_settled_at', 'is', null)
      .where((eb) =>
        filters.state === 'breached'
          ? eb('d.breached_at', 'is not', null)
          : filters.state === 'warning'
            ? eb.and([eb('d.warned_at', 'is not', null), eb('d.breached_at', 'is', null)])
            : eb.or([eb('d.warned_at', 'is not', null), eb('d.breached_at', 'is not', null)]),
      )
      .orderBy('a.answer_due_at')
      .limit(LIMIT)
      .execute(),
    base()
      .select([...cols, 'd.forward_due_at as dueAt', 'd.forward_breached_at as breachedAt'])
      .where('d.forward_due_at', 'is not', null)
      .where('d.forward_done_at', 'is', null)
      .where((eb) =>
        filters.state === 'breached'
          ? eb('d.forward_breached_at', 'is not', null)
          : filters.state === 'warning'
            ? eb.and([
                eb('d.forward_warned_at', 'is not', null),
                eb('d.forward_breached_at', 'is', null),
              ])
            : eb.or([
                eb('d.forward_warned_at', 'is not', null),
                eb('d.forward_breached_at', 'is not', null),
              ]),
      )
      .orderBy('d.forward_due_at')
      .limit(LIMIT)
      .execute(),
  ]);
  const nowMs = Date.parse(now);
  const toRow = (target: AlertRow['target']) => (r: (typeof answers)[number]) => {
    const leftMs = Date.parse(r.dueAt!) - nowMs;
    return {
      appealId: r.id,
      number: r.number,
      subject: r.subject,
      status: r.status,
      target,
      state: r.breachedAt || leftMs < 0 ? 'breached' : 'warning',
      dueAt: r.dueAt!,
      leftMs,
      overMs: leftMs < 0 ? -leftMs : null,
      assigneeId: r.assigneeId,
      assignee: r.assignee,
      unitId: r.unitId,
      unit: r.unit,
    } satisfies AlertRow;
  };
  const rows = [...answers.map(toRow('answer')), ...forwards.map(toRow('forward'))].sort(
    (x, y) => x.leftMs - y.leftMs || x.number.localeCompare(y.number),
  );

  let unitsQ = ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name');
  if (!all) unitsQ = unitsQ.where('id', 'in', myUnits.length ? myUnits : [-1]);
  let usersQ = ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('r.role', 'in', ['operator', 'supervisor'])
    .where('u.active', '=', 1)
    .orderBy('u.name');
  if (!all) {
    usersQ = usersQ.where((eb) =>
      eb.or([
        eb('u.id', '=', me!),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('user_units')
            .select('user_id')
            .where('unit_id', 'in', myUnits.length ? myUnits : [-1]),
        ),
      ]),
    );
  }
  const [units, assignees] = await Promise.all([unitsQ.execute(), usersQ.execute()]);
  return { now, rows, units, assignees };
}
