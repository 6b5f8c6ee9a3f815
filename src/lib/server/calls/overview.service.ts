import { callbackDue } from '../../domain/calls/outcomes';
import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import { conductStats, journal, openCallbacks, unloggedCalls } from './calls.queries';
import { listItem } from './screen.service';

const HOUR = 3_600_000;

/**
 * The calls page: live and unlogged PBX calls, the journal, and the callbacks queue — a callback
 * moves to «call back now» when its time comes. A supervisor may see everyone's and the conduct
 * figures (seed 000 §3.5, seed 001 §3.2.5).
 */
export async function callsOverview(
  ctx: ServiceContext,
  actor: Actor & { kind: 'user' },
  opts: { everyone: boolean },
) {
  assertRole(actor, ['operator', 'supervisor']);
  const supervisor = actor.roles.includes('supervisor');
  const everyone = supervisor && opts.everyone;
  const who = everyone ? null : actor.userId;
  const now = ctx.clock.now();
  const iso = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const [live, logged, callbacks, conduct] = await Promise.all([
    unloggedCalls(ctx.db, { userId: who, since: iso(12 * HOUR) }),
    journal(ctx.db, { operatorId: who, since: iso(7 * 24 * HOUR), limit: 100 }),
    openCallbacks(ctx.db, who),
    supervisor ? conductStats(ctx.db, iso(30 * 24 * HOUR)) : Promise.resolve(null),
  ]);
  const queue = callbacks.map((c) => ({ ...listItem(c), owner: c.owner, ownerId: c.ownerId }));
  const due = queue.filter((c) => c.callbackAt && callbackDue(c.callbackAt, now));
  const later = queue.filter((c) => c.callbackAt && !callbackDue(c.callbackAt, now));
  return {
    supervisor,
    everyone,
    now: now.toISOString(),
    live: live.map(listItem),
    journal: logged.map(listItem),
    callbacks: { due, later, nextAt: later[0]?.callbackAt ?? null },
    conduct,
  };
}
