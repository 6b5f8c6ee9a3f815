import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';

export async function listUnits(ctx: ServiceContext) {
  const units = await ctx.db.selectFrom('units').selectAll().orderBy('name').execute();
  const members = await ctx.db.selectFrom('user_units').select(['unit_id', 'user_id']).execute();
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    shortName: u.short_name,
    parentId: u.parent_id,
    memberCount: members.filter((m) => m.unit_id === u.id).length,
  }));
}

export async function createUnit(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; shortName?: string | null; parentId?: number | null },
) {
  assertRole(actor, ['admin']);
  const name = input.name.trim();
  if (!name) throw new DomainError('INVALID', 'units.nameRequired');
  const exists = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (exists) throw new DomainError('CONFLICT', 'units.nameTaken');
  return inTransaction(ctx, async (trx, emit) => {
    const { id } = await trx
      .insertInto('units')
      .values({
        name,
        short_name: input.shortName?.trim() || null,
        parent_id: input.parentId ?? null,
        created_at: ctx.clock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'unit.create',
      entity: 'unit',
      entityId: id,
      details: { name },
    });
    emit('unit.created', { unitId: id, name });
    return id;
  });
}
