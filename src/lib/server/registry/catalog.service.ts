import { CLIENT_KINDS } from '../../domain/registry/vocabulary';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { insertArea, listRegistryRows } from './registry.queries';

/** Everything a proposal form offers to choose from. */
export async function catalog(ctx: ServiceContext) {
  const [areas, processes, touchpoints, units, rows] = await Promise.all([
    ctx.db
      .selectFrom('activity_areas')
      .select(['id', 'name', 'client_kind as clientKind'])
      .orderBy('position')
      .execute(),
    ctx.db
      .selectFrom('processes as p')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'p.id',
        'p.name',
        'p.area_id as areaId',
        'p.client_kind as clientKind',
        'u.name as unit',
      ])
      .orderBy('p.name')
      .execute(),
    ctx.db
      .selectFrom('touchpoints')
      .select(['id', 'name', 'mode', 'channel', 'address'])
      .orderBy('name')
      .execute(),
    ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
    listRegistryRows(ctx.db),
  ]);
  return { areas, processes, touchpoints, units, rows };
}

export async function saveArea(
  ctx: ServiceContext,
  actor: Actor,
  input: { id?: number | null; name: string; clientKind: string },
) {
  assertRole(actor, ['maintainer']);
  const name = input.name.trim();
  if (!name) throw new DomainError('INVALID', 'registry.catalog.nameRequired');
  if (!(CLIENT_KINDS as readonly string[]).includes(input.clientKind)) {
    throw new DomainError('INVALID', 'errors.invalid');
  }
  const clash = await ctx.db
    .selectFrom('activity_areas')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (clash && clash.id !== input.id)
    throw new DomainError('CONFLICT', 'registry.catalog.areaTaken');
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx) => {
    let id = input.id ?? null;
    if (id) {
      const res = await trx
        .updateTable('activity_areas')
        .set({ name, client_kind: input.clientKind })
        .where('id', '=', id)
        .executeTakeFirst();
      if (!Number(res.numUpdatedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    } else {
      const last = await trx
        .selectFrom('activity_areas')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      id = await insertArea(trx, {
        name,
        clientKind: input.clientKind,
        position: Number(last?.p ?? 0) + 1,
        now,
      });
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: input.id ? 'registry.area.update' : 'registry.area.create',
      entity: 'activity_area',
      entityId: id,
      details: { name },
    });
    return id;
  });
}
