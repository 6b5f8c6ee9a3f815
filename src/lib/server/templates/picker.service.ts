import { freshness, moscowToday } from '../../domain/templates/freshness';
import { renderBody } from '../../domain/templates/render';
import { rankTemplates } from '../../domain/templates/search';
import { assertMaySeeAppealId } from '../appeals/access';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { linksOf, publishedOfKind } from './templates.queries';
import { recordUsage } from './usage.queries';
import { appealForTemplate, appealValues } from './values';

const STAFF = ['operator', 'supervisor'] as const;
const LIMIT = 30;

/** What a reply says, without the greeting and the survey line every reply shares. */
function excerpt(body: string): string {
  const said = body
    .split(/\n\s*\n/)
    .filter((p) => !/здравствуйте|^\s*Уважаем|\{\{links\.survey\}\}/iu.test(p))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return said.length > 220 ? `${said.slice(0, 220)}…` : said;
}

async function openAppeal(ctx: ServiceContext, actor: Actor, appealId: number) {
  await assertMaySeeAppealId(ctx.db, actor, appealId);
  const appeal = await appealForTemplate(ctx.db, appealId);
  if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return appeal;
}

/**
 * The composer's picker (issue 9): published reply templates found by word forms in the title,
 * body and tags, those of the appeal's touchpoint and process first; guidance for non-typical
 * replies (seed 000 §3.4 з) found the same way. Stale templates are flagged, not hidden.
 */
export async function pickerTemplates(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; q: string },
) {
  assertRole(actor, STAFF);
  const appeal = await openAppeal(ctx, actor, input.appealId);
  const rows = await publishedOfKind(ctx.db, ['reply', 'guide']);
  const links = await linksOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({
    ...r,
    channels: JSON.parse(r.channels) as string[],
    tags: JSON.parse(r.tags) as string[],
    ...links.get(r.id)!,
  }));
  const ranked = rankTemplates(items, input.q, {
    touchpointId: appeal.touchpointId,
    processId: appeal.processId,
    channel: appeal.channel,
  });
  const today = moscowToday(ctx.clock.now());
  const view = (t: (typeof ranked)[number]) => ({
    id: t.id,
    title: t.title,
    tags: t.tags,
    freshness: freshness(t.reviewBy, today),
    forTouchpoint: t.touchpointIds.includes(appeal.touchpointId),
    forProcess: appeal.processId != null && t.processIds.includes(appeal.processId),
  });
  return {
    templates: ranked
      .filter((t) => t.kind === 'reply')
      .slice(0, LIMIT)
      .map((t) => ({ ...view(t), excerpt: excerpt(t.body) })),
    guides: ranked
      .filter((t) => t.kind === 'guide')
      .slice(0, LIMIT)
      .map((t) => ({ ...view(t), body: t.body })),
  };
}

/**
 * A published reply template filled in for the appeal, and its use recorded for the editors'
 * counts. Values the appeal lacks are left as visible placeholders and listed in `missing`.
 */
export async function fillTemplate(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; templateId: number },
) {
  assertRole(actor, STAFF);
  const appeal = await openAppeal(ctx, actor, input.appealId);
  const template = await ctx.db
    .selectFrom('templates')
    .select(['id', 'title', 'body', 'review_by'])
    .where('id', '=', input.templateId)
    .where('kind', '=', 'reply')
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!template) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const userId = actor.kind === 'user' ? actor.userId : null;
  const { text, missing } = renderBody(template.body, await appealValues(ctx.db, appeal, userId));
  await inTransaction(ctx, (trx) =>
    recordUsage(trx, {
      templateId: template.id,
      appealId: appeal.id,
      touchpointId: appeal.touchpointId,
      userId,
      at: ctx.clock.now().toISOString(),
    }),
  );
  return {
    id: template.id,
    title: template.title,
    text,
    missing,
    freshness: freshness(template.review_by, moscowToday(ctx.clock.now())),
  };
}
