import type { ServiceContext } from '../context';
import { claim, markSent } from '../outbox/outbox.queries';

/**
 * The web-form channel delivers a reply by publishing it on the client's tracking page: a
 * pending «webform» outbox row becomes sent (DESIGN: channels take replies from the outbox).
 */
export async function publishReplies(ctx: ServiceContext, appealIds?: number[]): Promise<number> {
  if (appealIds && !appealIds.length) return 0;
  const now = ctx.clock.now().toISOString();
  let q = ctx.db
    .selectFrom('outbox as o')
    .innerJoin('interactions as i', 'i.id', 'o.interaction_id')
    .select('o.id')
    .where('o.channel', '=', 'webform')
    .where('o.status', 'in', ['pending', 'failed'])
    .where('o.next_attempt_at', '<=', now);
  if (appealIds) q = q.where('i.appeal_id', 'in', appealIds);
  let published = 0;
  for (const row of await q.orderBy('o.id').limit(500).execute()) {
    if (!(await claim(ctx.db, row.id, now))) continue;
    await markSent(ctx.db, row.id, now);
    published++;
  }
  return published;
}

/** Publishes each reply as soon as it is committed, and whatever was left from before. */
export function startWebformPublishing(ctx: ServiceContext): () => void {
  const run = () =>
    publishReplies(ctx).catch((err: unknown) => console.error('[webform] publish failed:', err));
  void run();
  return ctx.bus.subscribe((event) => {
    if (event.name === 'interaction.added' && event.payload.direction === 'out') void run();
  });
}
