import { DEFAULT_THRESHOLDS, type FlagThresholds } from '../../domain/metrics/figures';
import { assertRole } from '../auth/access';
import { recordAudit } from '../audit/audit.queries';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';

/** The admin's thresholds for the registry's flags, or the defaults until saved. */
export async function metricsSettings(db: Db): Promise<FlagThresholds> {
  const r = await db
    .selectFrom('metrics_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!r) return DEFAULT_THRESHOLDS;
  return {
    maxBreachShare: Number(r.max_breach_share),
    minSatisfaction: Number(r.min_satisfaction),
    minResponses: Number(r.min_responses),
    windowDays: Number(r.window_days),
  };
}

/** Checks and saves the thresholds; percentages come in as 0–100. */
export async function saveMetricsSettings(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    maxBreachPercent: number;
    minSatisfaction: number;
    minResponses: number;
    windowDays: number;
  },
): Promise<FlagThresholds> {
  assertRole(actor, ['admin']);
  const bad = (field: string) => new DomainError('INVALID', 'metrics.settings.invalid', { field });
  if (
    !Number.isFinite(input.maxBreachPercent) ||
    input.maxBreachPercent < 0 ||
    input.maxBreachPercent > 100
  )
    throw bad('maxBreachPercent');
  if (
    !Number.isFinite(input.minSatisfaction) ||
    input.minSatisfaction < 1 ||
    input.minSatisfaction > 5
  )
    throw bad('minSatisfaction');
  if (!Number.isInteger(input.minResponses) || input.minResponses < 1 || input.minResponses > 10000)
    throw bad('minResponses');
  if (!Number.isInteger(input.windowDays) || input.windowDays < 1 || input.windowDays > 366)
    throw bad('windowDays');
  const now = ctx.clock.now().toISOString();
  const row = {
    max_breach_share: input.maxBreachPercent / 100,
    min_satisfaction: input.minSatisfaction,
    min_responses: input.minResponses,
    window_days: input.windowDays,
    updated_by: actor.kind === 'user' ? actor.userId : null,
    updated_at: now,
  };
  await inTransaction(ctx, async (trx) => {
    await trx
      .insertInto('metrics_settings')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'metrics.settings',
      entity: 'metrics_settings',
      entityId: '1',
      details: input,
    });
  });
  return metricsSettings(ctx.db);
}
