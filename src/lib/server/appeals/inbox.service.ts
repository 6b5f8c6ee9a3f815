import { seesEveryAppeal } from '../../domain/appeals/visibility';
import { assertRole } from '../auth/access';
import { unitIdsOf } from './access';
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
  const now = ctx.clock.now().toISOString();
  if (actor.kind !== 'user') return { userId: -1, unitIds: [], now, scoped: false };
  return {
    userId: actor.userId,
    unitIds: await unitIdsOf(ctx.db, actor.userId),
    now,
    scoped: !seesEveryAppeal(actor.roles),
  };
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
