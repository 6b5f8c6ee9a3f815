import { OPEN_STATUSES } from '../../domain/appeals/status';
import { leastOpen, pickRoute, roundRobin } from '../../domain/classify/routing';
import type { ServiceContext } from '../context';
import type { Db } from '../db';
import type { Decision } from '../deadlines/decisions';
import { deadlineSettings } from '../deadlines/deadlines.queries';

/** A member counts as online while a session of theirs was seen within this window. */
const ONLINE_MS = 15 * 60_000;

export async function activeRoutingRules(db: Db) {
  const rows = await db.selectFrom('routing_rules').selectAll().where('active', '=', 1).execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    processId: r.process_id,
    touchpointId: r.touchpoint_id,
    segment: r.segment,
    priority: r.priority,
    unitId: r.unit_id,
    userId: r.user_id,
  }));
}

async function onlineMembers(trx: Db, unitId: number, now: Date): Promise<number[]> {
  const since = new Date(now.getTime() - ONLINE_MS).toISOString();
  const rows = await trx
    .selectFrom('user_units as uu')
    .innerJoin('users as u', 'u.id', 'uu.user_id')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('uu.unit_id', '=', unitId)
    .where('u.active', '=', 1)
    .where('r.role', '=', 'operator')
    .where('s.last_seen_at', '>=', since)
    .where('s.expires_at', '>', now.toISOString())
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The unit and person for a new appeal (seed 001 §3.2.6: a responsible employee per client segment):
 * the first matching routing rule names a unit or a person; within a unit the appeal goes to the
 * online operator with the least open work, or round robin, as the admin set.
 */
export async function routeOnArrival(
  trx: Db,
  ctx: ServiceContext,
  appealId: number,
): Promise<Decision[]> {
  const a = await trx
    .selectFrom('appeals')
    .innerJoin('clients', 'clients.id', 'appeals.client_id')
    .select([
      'appeals.process_id',
      'appeals.touchpoint_id',
      'appeals.priority',
      'appeals.unit_id',
      'appeals.assignee_id',
      'clients.segment',
    ])
    .where('appeals.id', '=', appealId)
    .executeTakeFirstOrThrow();
  if (a.assignee_id != null) return [];
  const decisions: Decision[] = [];
  const rule = pickRoute(await activeRoutingRules(trx), {
    processId: a.process_id,
    touchpointId: a.touchpoint_id,
    segment: a.segment,
    priority: a.priority,
  });
  let unitId = a.unit_id;
  let userId: number | null = null;
  if (rule) {
    if (rule.unitId != null) unitId = rule.unitId;
    if (rule.userId != null) userId = rule.userId;
    decisions.push({
      kind: 'route',
      value: userId ?? unitId,
      reason: userId != null ? 'deadlines.reason.routeUser' : 'deadlines.reason.routeUnit',
      params: { rule: rule.id, name: await nameOf(trx, userId, unitId) },
    });
  }
  if (userId == null && unitId != null) {
    const { routingStrategy } = await deadlineSettings(trx);
    const members = await onlineMembers(trx, unitId, ctx.clock.now());
    if (routingStrategy === 'round_robin') {
      const cursor = await trx
        .selectFrom('routing_cursor')
        .select('last_user_id')
        .where('unit_id', '=', unitId)
        .executeTakeFirst();
      userId = roundRobin(members, cursor?.last_user_id ?? null);
    } else if (members.length) {
      const counts = await trx
        .selectFrom('appeals')
        .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('assignee_id', 'in', members)
        .where('status', 'in', [...OPEN_STATUSES])
        .groupBy('assignee_id')
        .execute();
      const open = new Map(counts.map((c) => [c.assignee_id!, Number(c.n)]));
      userId = leastOpen(members.map((id) => ({ userId: id, open: open.get(id) ?? 0 })));
    }
    if (userId != null) {
      await trx.deleteFrom('routing_cursor').where('unit_id', '=', unitId).execute();
      await trx
        .insertInto('routing_cursor')
        .values({ unit_id: unitId, last_user_id: userId })
        .execute();
      decisions.push({
        kind: 'route',
        value: userId,
        reason: `deadlines.reason.${routingStrategy === 'round_robin' ? 'roundRobin' : 'leastOpen'}`,
        params: { name: await nameOf(trx, userId, null) },
      });
    }
  }
  if (unitId !== a.unit_id || userId != null) {
    await trx
      .updateTable('appeals')
      .set({ unit_id: unitId, assignee_id: userId })
      .where('id', '=', appealId)
      .execute();
  }
  return decisions;
}

async function nameOf(trx: Db, userId: number | null, unitId: number | null): Promise<string> {
  if (userId != null) {
    return (
      (await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())
        ?.name ?? ''
    );
  }
  if (unitId != null) {
    return (
      (await trx.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())
        ?.name ?? ''
    );
  }
  return '';
}
