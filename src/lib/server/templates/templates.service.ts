import { moscowToday, nextReviewDate } from '../../domain/templates/freshness';
import {
  canApply,
  targetOf,
  type TemplateKind,
  type TemplateState,
  type TemplateStatus,
  type Transition,
} from '../../domain/templates/lifecycle';
import { parseBody } from '../../domain/templates/parse';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { checkTemplate } from './check';
import { newTemplateInput, parseInput, templateFields, type TemplateFields } from './input';
import {
  headVersion,
  insertVersion,
  setLinks,
  setVersionStatus,
  templateRow,
} from './templates.queries';

export const EDITORS = ['editor'] as const;

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/** An unknown variable is an error at save time, not a blank in a letter (issue 9). */
function assertVariables(body: string): void {
  const { problems } = parseBody(body);
  if (problems.length) {
    throw new DomainError('INVALID', 'templates.variables', {
      count: problems.length,
      names: problems.map((p) => p.text).join(', '),
    });
  }
}

async function assertLinks(trx: Db, input: TemplateFields): Promise<void> {
  const [processes, touchpoints] = await Promise.all([
    input.processIds.length
      ? trx.selectFrom('processes').select('id').where('id', 'in', input.processIds).execute()
      : [],
    input.touchpointIds.length
      ? trx.selectFrom('touchpoints').select('id').where('id', 'in', input.touchpointIds).execute()
      : [],
  ]);
  if (
    processes.length !== input.processIds.length ||
    touchpoints.length !== input.touchpointIds.length
  ) {
    throw new DomainError('INVALID', 'templates.invalid', { fields: 'processIds, touchpointIds' });
  }
}

async function openTemplate(trx: Db, id: number) {
  const row = await templateRow(trx, id);
  if (!row) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return row;
}

/** The template's state: what operators see and the newer revision being prepared, if any. */
export async function stateOf(
  trx: Db,
  row: { id: number; status: string; version: number },
): Promise<TemplateState & { head: Awaited<ReturnType<typeof headVersion>> }> {
  const head = await headVersion(trx, row.id);
  const pending =
    row.status === 'published' && head.version > row.version
      ? (head.status as 'draft' | 'review')
      : null;
  return { status: row.status as TemplateStatus, pending, head };
}

export async function createTemplate(
  ctx: ServiceContext,
  actor: Actor,
  raw: unknown,
): Promise<number> {
  assertRole(actor, EDITORS);
  const input = parseInput(newTemplateInput, raw);
  assertVariables(input.body);
  const now = ctx.clock.now().toISOString();
  const by = userOf(actor);
  return inTransaction(ctx, async (trx) => {
    await assertLinks(trx, input);
    const { id } = await trx
      .insertInto('templates')
      .values({
        kind: input.kind,
        title: input.title,
        body: input.body,
        status: 'draft',
        version: 1,
        channels: JSON.stringify(input.channels),
        tags: JSON.stringify(input.tags),
        owner_id: input.ownerId ?? by,
        review_by: input.reviewBy ?? nextReviewDate(moscowToday(ctx.clock.now())),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setLinks(trx, id, input);
    await insertVersion(trx, {
      templateId: id,
      version: 1,
      ...input,
      status: 'draft',
      by,
      at: now,
    });
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'template.create',
      entity: 'template',
      entityId: id,
      details: { kind: input.kind, title: input.title },
    });
    return id;
  });
}

/**
 * Saves an edit. A changed title or body becomes a new version; a published template stays in use
 * while that version is drafted and reviewed. Links, tags, owner and review date apply at once.
 */
export async function saveTemplate(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  raw: unknown,
): Promise<{ version: number; newVersion: boolean }> {
  assertRole(actor, EDITORS);
  const input = parseInput(templateFields, raw);
  assertVariables(input.body);
  const now = ctx.clock.now().toISOString();
  const by = userOf(actor);
  return inTransaction(ctx, async (trx) => {
    const row = await openTemplate(trx, id);
    if (row.status === 'archived') throw new DomainError('CONFLICT', 'templates.archivedReadonly');
    await assertLinks(trx, input);
    const state = await stateOf(trx, row);
    const changed = state.head.title !== input.title || state.head.body !== input.body;
    const version = changed ? state.head.version + 1 : state.head.version;
    if (changed) {
      const status = row.status === 'published' ? (state.pending ?? 'draft') : row.status;
      await insertVersion(trx, { templateId: id, version, ...input, status, by, at: now });
    }
    await trx
      .updateTable('templates')
      .set({
        ...(changed && row.status !== 'published'
          ? { title: input.title, body: input.body, version }
          : {}),
        channels: JSON.stringify(input.channels),
        tags: JSON.stringify(input.tags),
        owner_id: input.ownerId,
        review_by: input.reviewBy,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await setLinks(trx, id, input);
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'template.save',
      entity: 'template',
      entityId: id,
      details: { version, newVersion: changed },
    });
    return { version, newVersion: changed };
  });
}

/**
 * Moves a template along draft → review → published (issue 9). Publishing a reply template needs
 * its checklist to pass with no `block` finding; the text published is the newest version.
 */
export async function moveTemplate(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  move: Transition,
): Promise<TemplateState> {
  assertRole(actor, EDITORS);
  const now = ctx.clock.now().toISOString();
  const before = await stateOf(ctx.db, await openTemplate(ctx.db, id));
  if (move === 'publish') {
    const row = await openTemplate(ctx.db, id);
    const check = await checkTemplate(ctx.db, row.kind as TemplateKind, before.head.body);
    if (!check.passes) {
      throw new DomainError('INVALID', 'templates.blocked', { count: check.blocking });
    }
  }
  return inTransaction(ctx, async (trx) => {
    const row = await openTemplate(trx, id);
    const state = await stateOf(trx, row);
    if (state.head.version !== before.head.version) {
      throw new DomainError('CONFLICT', 'templates.changedMeanwhile');
    }
    if (!canApply(state, move)) {
      throw new DomainError('CONFLICT', 'templates.cannotMove', { move });
    }
    const to = targetOf(move);
    const head = state.head;
    if (move === 'publish') {
      await trx
        .updateTable('templates')
        .set({
          title: head.title,
          body: head.body,
          version: head.version,
          status: 'published',
          published_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await setVersionStatus(trx, id, head.version, 'published');
    } else if (state.pending && (move === 'submit' || move === 'return')) {
      await setVersionStatus(trx, id, head.version, to);
    } else if (move === 'restore') {
      await trx
        .updateTable('templates')
        .set({
          status: to,
          title: head.title,
          body: head.body,
          version: head.version,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (head.status !== 'published') await setVersionStatus(trx, id, head.version, to);
    } else {
      await trx
        .updateTable('templates')
        .set({ status: to, updated_at: now })
        .where('id', '=', id)
        .execute();
      if (move !== 'archive') await setVersionStatus(trx, id, head.version, to);
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: `template.${move}`,
      entity: 'template',
      entityId: id,
      details: { version: head.version },
    });
    return stateOf(trx, await openTemplate(trx, id));
  });
}

/** The editor has re-read the template and it is still right: the next review is half a year on. */
export async function confirmCurrent(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
): Promise<string> {
  assertRole(actor, EDITORS);
  const reviewBy = nextReviewDate(moscowToday(ctx.clock.now()));
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx) => {
    await openTemplate(trx, id);
    await trx
      .updateTable('templates')
      .set({ review_by: reviewBy, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'template.confirm',
      entity: 'template',
      entityId: id,
      details: { reviewBy },
    });
    return reviewBy;
  });
}
