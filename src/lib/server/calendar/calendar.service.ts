import { assertRole } from '../auth/access';
import { recordAudit } from '../audit/audit.queries';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';

export type DayKind = 'working' | 'holiday';
export type CalendarOverrides = Record<string, DayKind>;

/** The admin's edits on top of the shipped production calendar. */
export async function calendarOverrides(db: Db): Promise<CalendarOverrides> {
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'kind']).execute();
  return Object.fromEntries(rows.map((r) => [r.date, r.kind as DayKind]));
}

export function listOverrides(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('calendar_overrides')
    .select(['date', 'kind', 'note', 'updated_at as updatedAt'])
    .orderBy('date')
    .execute();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function setOverride(
  ctx: ServiceContext,
  actor: Actor,
  input: { date: string; kind: DayKind | 'default'; note?: string | null },
) {
  assertRole(actor, ['admin']);
  if (!DATE.test(input.date) || Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) {
    throw new DomainError('INVALID', 'calendar.badDate');
  }
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx) => {
    await trx.deleteFrom('calendar_overrides').where('date', '=', input.date).execute();
    if (input.kind !== 'default') {
      await trx
        .insertInto('calendar_overrides')
        .values({
          date: input.date,
          kind: input.kind,
          note: input.note?.trim() || null,
          updated_at: now,
        })
        .execute();
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'calendar.set',
      entity: 'calendar',
      entityId: null,
      details: { date: input.date, kind: input.kind },
    });
  });
}
