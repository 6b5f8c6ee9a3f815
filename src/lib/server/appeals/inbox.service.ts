import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import {
  inboxPage,
  queueCounts,
  type Cursor,
  type InboxFilters,
  type InboxViewer,
  type Queue,
} from './inbox.queries';

export const PAGE_SIZE = 50;

async function viewerOf(ctx: ServiceContext, actor: Actor): Promise<InboxViewer> {
  const userId = actor.kind === 'user' ? actor.userId : -1;
  const units = await ctx.db
    .selectFrom('user_units')
    .select('unit_id')
    .where('user_id', '=', userId)
    .execute();
  return { userId, unitIds: units.map((u) => u.unit_id), now: ctx.clock.now().toISOString() };
}

export async function inbox(
  ctx: ServiceContext,
  actor: Actor,
  input: { queue: Queue; filters: InboxFilters; cursor: Cursor | null },
) {
  assertRole(actor, ['operator', 'supervisor']);
  const viewer = await viewerOf(ctx, actor);
  const [page, counts] = await Promise.all([
    inboxPage(ctx.db, viewer, { ...input, limit: PAGE_SIZE }),
    queueCounts(ctx.db, viewer),
  ]);
  return { ...page, counts };
}
