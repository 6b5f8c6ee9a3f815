import { maySeeAppeal, type AppealScope, type AppealViewer } from '../../domain/appeals/visibility';
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

export async function appealViewer(db: Db, actor: Actor): Promise<AppealViewer | null> {
  if (actor.kind !== 'user') return null;
  return { userId: actor.userId, roles: actor.roles, unitIds: await unitIdsOf(db, actor.userId) };
}

/** Another unit's appeal is reported as not found, as if it did not exist for this operator. */
export async function assertMaySeeAppeal(db: Db, actor: Actor, scope: AppealScope): Promise<void> {
  const viewer = await appealViewer(db, actor);
  if (viewer && !maySeeAppeal(viewer, scope)) throw new DomainError('NOT_FOUND', 'errors.notFound');
}
