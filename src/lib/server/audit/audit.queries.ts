import type { Actor } from '../context';
import type { Db } from '../db';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(
  db: Db,
  at: Date,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_id: actor.kind === 'user' ? actor.userId : null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export async function listAudit(db: Db, opts: { entity?: string; limit?: number } = {}) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (opts.entity) q = q.where('entity', '=', opts.entity);
  return q.limit(opts.limit ?? 100).execute();
}
