import { DEFAULT_RETENTION_YEARS, validRetentionYears } from '../../domain/privacy/retention';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';

export interface PrivacySettings {
  retentionYears: number;
  lastRetentionAt: string | null;
  updatedAt: string | null;
}

export async function privacySettings(db: Db): Promise<PrivacySettings> {
  const row = await db
    .selectFrom('privacy_settings')
    .select(['retention_years', 'last_retention_at', 'updated_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    retentionYears: row?.retention_years ?? DEFAULT_RETENTION_YEARS,
    lastRetentionAt: row?.last_retention_at ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function saveRetentionYears(
  ctx: ServiceContext,
  actor: Actor,
  value: unknown,
): Promise<PrivacySettings> {
  assertRole(actor, ['admin']);
  const years = validRetentionYears(value);
  if (years == null) {
    throw new DomainError('INVALID', 'privacy.error.years', { field: 'retentionYears' });
  }
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx) => {
    const before = await privacySettings(trx);
    await trx
      .insertInto('privacy_settings')
      .values({
        id: 1,
        retention_years: years,
        updated_by: actor.kind === 'user' ? actor.userId : null,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          retention_years: years,
          updated_by: actor.kind === 'user' ? actor.userId : null,
          updated_at: now,
        }),
      )
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'privacy.settings',
      entity: 'privacy_settings',
      entityId: 1,
      details: { retentionYears: { from: before.retentionYears, to: years } },
    });
  });
  return privacySettings(ctx.db);
}

export async function markRetentionRun(db: Db, at: string): Promise<void> {
  await db
    .insertInto('privacy_settings')
    .values({ id: 1, last_retention_at: at, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_retention_at: at }))
    .execute();
}
