import {
  actionEffect,
  isActionStatus,
  isFixability,
  painKey,
  parsePainKey,
  pickPeriod,
  rankPainPoints,
  type ActionEffect,
  type Fixability,
  type PainPoint,
} from '../../domain/painmap';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import {
  activeUsers,
  allSignals,
  appealsByIds,
  countAppeals,
  fixabilityRows,
  listActions,
  namesOf,
  ratingsOf,
  type Only,
  type Window,
} from './painmap.queries';

export const READERS = ['maintainer', 'supervisor'] as const;
/** Seed 003 §3.6: the maintainer (уполномоченное лицо) rates fixability and plans the actions. */
export const EDITORS = ['maintainer'] as const;

const DAY = 86_400_000;

export interface PainPointView extends PainPoint {
  touchpoint: string;
  channel: string;
  process: string | null;
  note: string | null;
  examples: { id: number; number: string; subject: string; createdAt: string }[];
  actions: number;
}

export interface ActionView {
  id: number;
  key: string;
  title: string;
  description: string;
  ownerId: number;
  ownerName: string;
  dueDate: string;
  status: string;
  createdAt: string;
  doneAt: string | null;
  touchpoint: string;
  process: string | null;
  effect: ActionEffect;
}

/** The pain map for the last `days` days: ranked pain points, the actions with their effect. */
export async function painMap(ctx: ServiceContext, actor: Actor, input: { days: number }) {
  assertRole(actor, READERS);
  const days = pickPeriod(input.days);
  const now = ctx.clock.now();
  const w: Window = {
    from: new Date(now.getTime() - days * DAY).toISOString(),
    to: now.toISOString(),
    toInclusive: true,
  };
  const settings = await fixabilityRows(ctx.db);
  const fix = new Map<string, Fixability>();
  for (const s of settings) if (isFixability(s.fixability)) fix.set(s.pain_key, s.fixability);
  const points = rankPainPoints(await allSignals(ctx.db, w), fix);
  const names = await namesOf(
    ctx.db,
    [...new Set(points.map((p) => p.touchpointId))],
    [...new Set(points.flatMap((p) => (p.processId == null ? [] : [p.processId])))],
  );
  const appeals = await appealsByIds(ctx.db, [
    ...new Set(points.flatMap((p) => p.exampleAppealIds)),
  ]);
  const actions = await actionsWithEffect(ctx.db, now, days);
  const views: PainPointView[] = points.map((p) => ({
    ...p,
    touchpoint: names.touchpoint.get(p.touchpointId)?.name ?? `#${p.touchpointId}`,
    channel: names.touchpoint.get(p.touchpointId)?.channel ?? 'other',
    process: p.processId == null ? null : (names.process.get(p.processId) ?? null),
    note: settings.find((s) => s.pain_key === p.key)?.note ?? null,
    examples: p.exampleAppealIds.flatMap((id) => {
      const a = appeals.get(id);
      return a ? [a] : [];
    }),
    actions: actions.filter((a) => a.key === p.key).length,
  }));
  return {
    days,
    from: w.from,
    to: w.to,
    points: views,
    actions,
    owners: await activeUsers(ctx.db),
    canEdit: actor.kind === 'system' || actor.roles.includes('maintainer'),
  };
}

/**
 * An action's effect: the pain point's figures in the `days` before the action was created and
 * since then (issue 12: «whose effect shows in the next period's figures»).
 */
export async function effectOf(
  db: Db,
  only: Only,
  createdAt: string,
  now: Date,
  days: number,
): Promise<ActionEffect> {
  const before: Window = {
    from: new Date(Date.parse(createdAt) - days * DAY).toISOString(),
    to: createdAt,
  };
  const since: Window = { from: createdAt, to: now.toISOString(), toInclusive: true };
  const counts = async (w: Window) => {
    const signals = await allSignals(db, w, only);
    return {
      appeals: await countAppeals(db, w, only),
      signals: signals.length,
      repeats: signals.filter((s) => s.kind === 'repeat').length,
      ratings: await ratingsOf(db, w, only),
    };
  };
  return actionEffect(await counts(before), await counts(since));
}

async function actionsWithEffect(db: Db, now: Date, days: number): Promise<ActionView[]> {
  const rows = await listActions(db);
  const out: ActionView[] = [];
  for (const r of rows) {
    out.push({
      ...r,
      effect: await effectOf(
        db,
        { touchpointId: r.touchpointId, processId: r.processId },
        r.createdAt,
        now,
        days,
      ),
    });
  }
  return out;
}

async function pointOf(trx: Db, key: string): Promise<Only> {
  const p = parsePainKey(key);
  if (!p) throw new DomainError('INVALID', 'painmap.error.point');
  const tp = await trx
    .selectFrom('touchpoints')
    .select('id')
    .where('id', '=', p.touchpointId)
    .executeTakeFirst();
  const proc =
    p.processId == null
      ? true
      : await trx
          .selectFrom('processes')
          .select('id')
          .where('id', '=', p.processId)
          .executeTakeFirst();
  if (!tp || !proc) throw new DomainError('NOT_FOUND', 'painmap.error.point');
  return p;
}

/** The maintainer rates how removable a pain point is (seed 003 §3.6); null clears the rating. */
export async function setFixability(
  ctx: ServiceContext,
  actor: Actor,
  input: { key: string; fixability: number | null; note?: string | null },
): Promise<void> {
  assertRole(actor, EDITORS);
  if (input.fixability != null && !isFixability(input.fixability)) {
    throw new DomainError('INVALID', 'painmap.error.fixability');
  }
  const note = input.note?.trim() ? input.note.trim().slice(0, 1000) : null;
  await inTransaction(ctx, async (trx) => {
    const p = await pointOf(trx, input.key);
    const key = painKey(p.touchpointId, p.processId);
    const now = ctx.clock.now().toISOString();
    const by = actor.kind === 'user' ? actor.userId : null;
    const prior = await trx
      .selectFrom('pain_point_settings')
      .select(['fixability', 'note'])
      .where('pain_key', '=', key)
      .executeTakeFirst();
    const values = {
      fixability: input.fixability,
      note: input.note === undefined ? (prior?.note ?? null) : note,
      updated_by: by,
      updated_at: now,
    };
    if (prior) {
      await trx
        .updateTable('pain_point_settings')
        .set(values)
        .where('pain_key', '=', key)
        .execute();
    } else {
      await trx
        .insertInto('pain_point_settings')
        .values({
          pain_key: key,
          touchpoint_id: p.touchpointId,
          process_id: p.processId,
          ...values,
        })
        .execute();
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'painmap.fixability',
      entity: 'pain_point',
      entityId: key,
      details: { from: prior?.fixability ?? null, to: input.fixability, note: values.note },
    });
  });
}

export interface ActionInput {
  key: string;
  title: string;
  description?: string;
  ownerId: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

function validDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Turns a pain point into an improvement action with an owner and a due date (seed 003 §3.7). */
export async function createAction(
  ctx: ServiceContext,
  actor: Actor,
  input: ActionInput,
): Promise<number> {
  assertRole(actor, EDITORS);
  const title = input.title.trim();
  const fields: Record<string, string> = {};
  if (!title) fields.title = 'painmap.error.title';
  else if (title.length > 200) fields.title = 'painmap.error.titleLong';
  if (!validDate(input.dueDate)) fields.dueDate = 'painmap.error.dueDate';
  if (!Number.isInteger(input.ownerId) || input.ownerId <= 0)
    fields.ownerId = 'painmap.error.owner';
  if (Object.keys(fields).length) throw new DomainError('INVALID', 'errors.invalid', { fields });
  return inTransaction(ctx, async (trx) => {
    const p = await pointOf(trx, input.key);
    const owner = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.ownerId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!owner) {
      throw new DomainError('INVALID', 'errors.invalid', {
        fields: { ownerId: 'painmap.error.owner' },
      });
    }
    const now = ctx.clock.now().toISOString();
    const key = painKey(p.touchpointId, p.processId);
    const { id } = await trx
      .insertInto('improvement_actions')
      .values({
        pain_key: key,
        touchpoint_id: p.touchpointId,
        process_id: p.processId,
        title,
        description: (input.description ?? '').trim().slice(0, 4000),
        owner_id: owner.id,
        due_date: input.dueDate,
        status: 'planned',
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now,
        updated_at: now,
        done_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'painmap.action.create',
      entity: 'improvement_action',
      entityId: id,
      details: { key, title, ownerId: owner.id, dueDate: input.dueDate },
    });
    return id;
  });
}

/** Moves an action along planned → in progress → done; «done» records when. */
export async function setActionStatus(
  ctx: ServiceContext,
  actor: Actor,
  input: { id: number; status: string },
): Promise<void> {
  assertRole(actor, EDITORS);
  if (!isActionStatus(input.status)) throw new DomainError('INVALID', 'painmap.error.status');
  const status = input.status;
  await inTransaction(ctx, async (trx) => {
    const a = await trx
      .selectFrom('improvement_actions')
      .select(['id', 'status', 'done_at'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!a) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (a.status === status) return;
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('improvement_actions')
      .set({ status, updated_at: now, done_at: status === 'done' ? now : null })
      .where('id', '=', a.id)
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'painmap.action.status',
      entity: 'improvement_action',
      entityId: a.id,
      details: { from: a.status, to: status },
    });
  });
}
