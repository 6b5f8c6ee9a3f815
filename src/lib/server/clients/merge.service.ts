import { recordAudit } from '../audit/audit.queries';
import { assertMaySeeClient } from '../appeals/access';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { indexAppeals } from '../search/appeal-search';

interface Moved {
  contacts: number[];
  appeals: number[];
}

/** Folds a duplicate client into another: contacts and appeals move, the duplicate is kept for undo. */
export async function mergeClients(
  ctx: ServiceContext,
  actor: Actor,
  input: { sourceId: number; targetId: number },
): Promise<number> {
  assertRole(actor, ['operator', 'supervisor']);
  if (input.sourceId === input.targetId) throw new DomainError('INVALID', 'clients.mergeSelf');
  for (const id of [input.sourceId, input.targetId]) await assertMaySeeClient(ctx.db, actor, id);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const both = await trx
      .selectFrom('clients')
      .select(['id', 'merged_into'])
      .where('id', 'in', [input.sourceId, input.targetId])
      .execute();
    if (both.length !== 2 || both.some((c) => c.merged_into != null)) {
      throw new DomainError('CONFLICT', 'clients.mergeUnavailable');
    }
    const moved: Moved = {
      contacts: (
        await trx
          .selectFrom('client_contacts')
          .select('id')
          .where('client_id', '=', input.sourceId)
          .execute()
      ).map((r) => r.id),
      appeals: (
        await trx
          .selectFrom('appeals')
          .select('id')
          .where('client_id', '=', input.sourceId)
          .execute()
      ).map((r) => r.id),
    };
    await trx
      .updateTable('client_contacts')
      .set({ client_id: input.targetId })
      .where('client_id', '=', input.sourceId)
      .execute();
    await trx
      .updateTable('appeals')
      .set({ client_id: input.targetId, updated_at: now })
      .where('client_id', '=', input.sourceId)
      .execute();
    await trx
      .updateTable('clients')
      .set({ merged_into: input.targetId, updated_at: now })
      .where('id', '=', input.sourceId)
      .execute();
    const { id } = await trx
      .insertInto('client_merges')
      .values({
        source_id: input.sourceId,
        target_id: input.targetId,
        moved: JSON.stringify(moved),
        merged_by: actor.kind === 'user' ? actor.userId : null,
        merged_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await indexAppeals(trx, moved.appeals);
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'client.merge',
      entity: 'client',
      entityId: input.targetId,
      details: { sourceId: input.sourceId, mergeId: id, ...moved },
    });
    emit('client.updated', { clientId: input.targetId });
    return id;
  });
}

/** An admin reverses a merge exactly: what moved goes back, the duplicate is live again. */
export async function undoMerge(ctx: ServiceContext, actor: Actor, mergeId: number) {
  assertRole(actor, ['admin']);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const merge = await trx
      .selectFrom('client_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirst();
    if (!merge) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (merge.undone_at) throw new DomainError('CONFLICT', 'clients.mergeUndone');
    const moved = JSON.parse(merge.moved) as Moved;
    if (moved.contacts.length) {
      await trx
        .updateTable('client_contacts')
        .set({ client_id: merge.source_id })
        .where('id', 'in', moved.contacts)
        .execute();
    }
    if (moved.appeals.length) {
      await trx
        .updateTable('appeals')
        .set({ client_id: merge.source_id, updated_at: now })
        .where('id', 'in', moved.appeals)
        .execute();
    }
    await trx
      .updateTable('clients')
      .set({ merged_into: null, updated_at: now })
      .where('id', '=', merge.source_id)
      .execute();
    await trx
      .updateTable('client_merges')
      .set({ undone_at: now, undone_by: actor.kind === 'user' ? actor.userId : null })
      .where('id', '=', mergeId)
      .execute();
    await indexAppeals(trx, moved.appeals);
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'client.unmerge',
      entity: 'client',
      entityId: merge.source_id,
      details: { mergeId },
    });
    emit('client.updated', { clientId: merge.source_id });
    emit('client.updated', { clientId: merge.target_id });
  });
}
