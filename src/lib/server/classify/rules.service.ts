import { PRIORITIES } from '../../domain/appeals/status';
import { searchTokens } from '../../domain/search/tokens';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';

export function listKeywordRules(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('classify_rules as r')
    .leftJoin('processes as p', 'p.id', 'r.process_id')
    .select([
      'r.id',
      'r.keyword',
      'r.process_id as processId',
      'p.name as processName',
      'r.priority',
      'r.position',
      'r.active',
    ])
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
}

/** A keyword rule the admin writes: «зачисление» → process, and/or a priority (issue 10). */
export async function saveKeywordRule(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    id?: number | null;
    keyword: string;
    processId: number | null;
    priority: string | null;
    position?: number;
    active?: boolean;
  },
): Promise<number> {
  assertRole(actor, ['admin']);
  const keyword = input.keyword.trim();
  if (!searchTokens(keyword).length) throw new DomainError('INVALID', 'deadlines.ruleKeyword');
  if (input.priority && !(PRIORITIES as readonly string[]).includes(input.priority)) {
    throw new DomainError('INVALID', 'errors.invalid');
  }
  if (input.processId == null && !input.priority) {
    throw new DomainError('INVALID', 'deadlines.ruleEmpty');
  }
  const row = {
    keyword,
    process_id: input.processId,
    priority: input.priority || null,
    position: input.position ?? 0,
    active: input.active === false ? 0 : 1,
    updated_at: ctx.clock.now().toISOString(),
  };
  return inTransaction(ctx, async (trx) => {
    let id = input.id ?? null;
    if (id != null) {
      await trx.updateTable('classify_rules').set(row).where('id', '=', id).execute();
    } else {
      ({ id } = await trx
        .insertInto('classify_rules')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'classify.rule',
      entity: 'classify_rule',
      entityId: String(id),
      details: row,
    });
    return id;
  });
}

export async function deleteKeywordRule(ctx: ServiceContext, actor: Actor, id: number) {
  assertRole(actor, ['admin']);
  await inTransaction(ctx, async (trx) => {
    const gone = await trx.deleteFrom('classify_rules').where('id', '=', id).executeTakeFirst();
    // Nothing deleted (a second click, another admin was first): nothing to record.
    if (!Number(gone.numDeletedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'classify.ruleDeleted',
      entity: 'classify_rule',
      entityId: String(id),
      details: {},
    });
  });
}
