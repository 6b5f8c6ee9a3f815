import {
  maySeeAppeal,
  seesEveryAppeal,
  type AppealScope,
  type AppealViewer,
} from '../../domain/appeals/visibility';
import type { Actor } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';

export async function unitIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_units')
    .select('unit_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.unit_id);
}

/** Who asks, for the visibility rule; a supervisor sees every appeal, so their units are not read. */
async function appealViewer(db: Db, actor: Actor): Promise<AppealViewer | null> {
  if (actor.kind !== 'user') return null;
  const unitIds = seesEveryAppeal(actor.roles) ? [] : await unitIdsOf(db, actor.userId);
  return { userId: actor.userId, roles: actor.roles, unitIds };
}

/** The visibility rule for this actor, to try on many appeals with one read of their units. */
export async function appealVisibility(
  db: Db,
  actor: Actor,
): Promise<(scope: AppealScope) => boolean> {
  const viewer = await appealViewer(db, actor);
  return (scope) => !viewer || maySeeAppeal(viewer, scope);
}

/** Another unit's appeal is reported as not found, as if it did not exist for this operator. */
export async function assertMaySeeAppeal(db: Db, actor: Actor, scope: AppealScope): Promise<void> {
  if (!(await appealVisibility(db, actor))(scope)) {
    throw new DomainError('NOT_FOUND', 'errors.notFound');
  }
}

/** The same rule by the appeal's id, for services that do not load the appeal themselves. */
export async function assertMaySeeAppealId(db: Db, actor: Actor, appealId: number): Promise<void> {
  const scope = await db
    .selectFrom('appeals')
    .select(['unit_id as unitId', 'assignee_id as assigneeId'])
    .where('id', '=', appealId)
    .executeTakeFirst();
  if (!scope) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await assertMaySeeAppeal(db, actor, scope);
}

/**
 * A client belongs to the units of their appeals: an operator who sees none of them does not see
 * the client either. A client with no appeal yet (a caller, say) is nobody's unit's data.
 */
export async function assertMaySeeClient(db: Db, actor: Actor, clientId: number): Promise<void> {
  const viewer = await appealViewer(db, actor);
  if (!viewer) return;
  const scopes = await db
    .selectFrom('appeals')
    .select(['unit_id as unitId', 'assignee_id as assigneeId'])
    .where('client_id', '=', clientId)
    .execute();
  if (scopes.length && !scopes.some((s) => maySeeAppeal(viewer, s))) {
    throw new DomainError('NOT_FOUND', 'errors.notFound');
  }
}
