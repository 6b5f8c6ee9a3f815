import { PRIORITIES } from '../../domain/appeals/status';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';

export interface RoutingRuleInput {
  id?: number | null;
  position?: number;
  processId?: number | null;
  touchpointId?: number | null;
  segment?: string | null;
  priority?: string | null;
  unitId?: number | null;
  userId?: number | null;
  active?: boolean;
}

export function listRoutingRules(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('routing_rules as r')
    .leftJoin('processes as p', 'p.id', 'r.process_id')
    .leftJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
    .leftJoin('units as n', 'n.id', 'r.unit_id')
    .leftJoin('users as u', 'u.id', 'r.user_id')
    .select([
      'r.id',
      'r.position',
      'r.process_id as processId',
      'p.name as processName',
      'r.touchpoint_id as touchpointId',
      't.name as touchpointName',
      'r.segment',
      'r.priority',
      'r.unit_id as unitId',
      'n.name as unitName',
      'r.user_id as userId',
      'u.name as userName',
      'r.active',
    ])
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
}

/** Process, touchpoint, segment and priority map to a unit or a person (issue 10, seed 001 §3.2.6). */
export async function saveRoutingRule(
  ctx: ServiceContext,
  actor: Actor,
  input: RoutingRuleInput,
): Promise<number> {
  assertRole(actor, ['admin']);
  if (input.unitId == null && input.userId == null) {
    throw new DomainError('INVALID', 'deadlines.routeEmpty');
  }
  if (input.priority && !(PRIORITIES as readonly string[]).includes(input.priority)) {
    throw new DomainError('INVALID', 'errors.invalid');
  }
  const row = {
    position: input.position ?? 0,
    process_id: input.processId ?? null,
    touchpoint_id: input.touchpointId ?? null,
    segment: input.segment || null,
    priority: input.priority || null,
    unit_id: input.unitId ?? null,
    user_id: input.userId ?? null,
    active: input.active === false ? 0 : 1,
    updated_at: ctx.clock.now().toISOString(),
  };
  return inTransaction(ctx, async (trx) => {
    let id = input.id ?? null;
    if (id != null) {
      await trx.updateTable('routing_rules').set(row).where('id', '=', id).execute();
    } else {
      ({ id } = await trx
        .insertInto('routing_rules')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'routing.rule',
      entity: 'routing_rule',
      entityId: String(id),
      details: row,
    });
    return id;
  });
}

export async function deleteRoutingRule(ctx: ServiceContext, actor: Actor, id: number) {
  assertRole(actor, ['admin']);
  await inTransaction(ctx, async (trx) => {
    const gone = await trx.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
    // Nothing deleted (a second click, another admin was first): nothing to record.
    if (!Number(gone.numDeletedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'routing.ruleDeleted',
      entity: 'routing_rule',
      entityId: String(id),
      details: {},
    });
  });
}
