import { freshness, moscowToday, needsReview } from '../../domain/templates/freshness';
import { diffText } from '../../domain/templates/diff';
import { allowedTransitions, type TemplateKind } from '../../domain/templates/lifecycle';
import { rankTemplates } from '../../domain/templates/search';
import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { EDITORS, stateOf } from './templates.service';
import {
  allTemplates,
  catalog,
  headVersions,
  linksOf,
  templateRow,
  versionsOf,
} from './templates.queries';
import { usageByTemplate, usageByTouchpoint } from './usage.queries';

const DAY_MS = 86_400_000;
export const UNUSED_DAYS = 90;

const since = (ctx: ServiceContext) =>
  new Date(ctx.clock.now().getTime() - UNUSED_DAYS * DAY_MS).toISOString();

export interface TemplateFilters {
  q?: string;
  kind?: string;
  status?: string;
  processId?: number | null;
  touchpointId?: number | null;
}

/** Every template with its state, freshness and use, for the editor's list and dashboard. */
async function overview(ctx: ServiceContext) {
  const rows = await allTemplates(ctx.db);
  const ids = rows.map((r) => r.id);
  const [links, heads, usage] = await Promise.all([
    linksOf(ctx.db, ids),
    headVersions(ctx.db, ids),
    usageByTemplate(ctx.db, since(ctx)),
  ]);
  const today = moscowToday(ctx.clock.now());
  return rows.map((r) => {
    const head = heads.get(r.id);
    const pending =
      r.status === 'published' && head && head.version > r.version
        ? (head.status as 'draft' | 'review')
        : null;
    return {
      ...r,
      kind: r.kind as TemplateKind,
      channels: JSON.parse(r.channels) as string[],
      tags: JSON.parse(r.tags) as string[],
      ...(links.get(r.id) ?? { processIds: [], touchpointIds: [] }),
      pending,
      headVersion: head?.version ?? r.version,
      freshness: freshness(r.reviewBy, today),
      usage: usage.get(r.id) ?? { total: 0, recent: 0, lastUsed: null },
    };
  });
}

export type TemplateSummary = Omit<Awaited<ReturnType<typeof overview>>[number], 'body'> & {
  excerpt: string;
};

const summary = ({
  body,
  ...t
}: Awaited<ReturnType<typeof overview>>[number]): TemplateSummary => ({
  ...t,
  excerpt: body.length > 220 ? `${body.slice(0, 220)}…` : body,
});

export async function templateList(ctx: ServiceContext, actor: Actor, filters: TemplateFilters) {
  assertRole(actor, EDITORS);
  const all = await overview(ctx);
  const kept = all.filter(
    (t) =>
      (!filters.kind || t.kind === filters.kind) &&
      (!filters.status ||
        (filters.status === 'stale' ? needsReview(t.freshness) : t.status === filters.status)) &&
      (filters.processId == null || t.processIds.includes(filters.processId)) &&
      (filters.touchpointId == null || t.touchpointIds.includes(filters.touchpointId)),
  );
  const ranked = filters.q?.trim()
    ? rankTemplates(kept, filters.q, {
        processId: filters.processId,
        touchpointId: filters.touchpointId,
      })
    : kept;
  return ranked.map(summary);
}

/**
 * The editor's dashboard (issue 9): what is past its review date (seed 000 §3.4 з «своевременно
 * актуализироваться»), what is due soon, what operators have not used in 90 days, and use by
 * touchpoint.
 */
export async function templateDashboard(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, EDITORS);
  const all = await overview(ctx);
  const live = all.filter((t) => t.status !== 'archived');
  const usable = all.filter((t) => t.status === 'published' && t.kind !== 'guide');
  return {
    counts: {
      published: all.filter((t) => t.status === 'published').length,
      draft: all.filter((t) => t.status === 'draft' || t.pending === 'draft').length,
      review: all.filter((t) => t.status === 'review' || t.pending === 'review').length,
      stale: live.filter((t) => needsReview(t.freshness)).length,
    },
    review: live.filter((t) => t.status === 'review' || t.pending === 'review').map(summary),
    stale: live
      .filter((t) => needsReview(t.freshness))
      .sort((a, b) => (a.reviewBy ?? '').localeCompare(b.reviewBy ?? ''))
      .map(summary),
    due: live.filter((t) => t.freshness === 'due').map(summary),
    unused: usable.filter((t) => t.usage.recent === 0).map(summary),
    popular: usable
      .filter((t) => t.usage.recent > 0)
      .sort((a, b) => b.usage.recent - a.usage.recent)
      .slice(0, 10)
      .map(summary),
    byTouchpoint: await usageByTouchpoint(ctx.db, since(ctx)),
    unusedDays: UNUSED_DAYS,
  };
}

/** One template for its editor: the working text, state, allowed moves, versions and use. */
export async function templateEditor(ctx: ServiceContext, actor: Actor, id: number) {
  assertRole(actor, EDITORS);
  const row = await templateRow(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const [state, links, versions, usage, byTouchpoint, owner] = await Promise.all([
    stateOf(ctx.db, row),
    linksOf(ctx.db, [id]),
    versionsOf(ctx.db, id),
    usageByTemplate(ctx.db, since(ctx)),
    usageByTouchpoint(ctx.db, since(ctx), id),
    row.owner_id
      ? ctx.db.selectFrom('users').select('name').where('id', '=', row.owner_id).executeTakeFirst()
      : undefined,
  ]);
  return {
    id,
    kind: row.kind as TemplateKind,
    status: state.status,
    pending: state.pending,
    liveVersion: row.version,
    head: {
      version: state.head.version,
      title: state.head.title,
      body: state.head.body,
      status: state.head.status,
    },
    ...links.get(id)!,
    channels: JSON.parse(row.channels) as string[],
    tags: JSON.parse(row.tags) as string[],
    ownerId: row.owner_id,
    owner: owner?.name ?? null,
    reviewBy: row.review_by,
    freshness: freshness(row.review_by, moscowToday(ctx.clock.now())),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    transitions: allowedTransitions(state),
    versions: versions.map(({ body: _body, ...v }) => v),
    usage: { ...(usage.get(id) ?? { total: 0, recent: 0, lastUsed: null }), byTouchpoint },
    unusedDays: UNUSED_DAYS,
  };
}

export async function templateCatalog(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, EDITORS);
  return catalog(ctx.db);
}

/** Two versions side by side, word by word (issue 9: «every version kept and comparable»). */
export async function compareVersions(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  from: number,
  to: number,
) {
  assertRole(actor, EDITORS);
  const versions = await versionsOf(ctx.db, id);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return {
    from: { ...a, body: undefined },
    to: { ...b, body: undefined },
    title: diffText(a.title, b.title),
    body: diffText(a.body, b.body),
  };
}
