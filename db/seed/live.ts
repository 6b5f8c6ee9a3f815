import { assign } from '../../src/lib/server/appeals/work.service';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { findUserByEmail } from '../../src/lib/server/users/users.queries';

/** How many waiting appeals each unit operator takes over, so the board shows a spread. */
const SHARE: Record<string, number> = {
  'petrov@otklik.example': 3,
  'nikolaeva@otklik.example': 2,
  'fedorova@otklik.example': 4,
};

/** The supervisor's board (issue 11): open work spread over the unit operators. Idempotent. */
export async function seedLive(
  ctx: ServiceContext,
  who: { supervisor: Actor & { kind: 'user' }; operator: Actor & { kind: 'user' } },
) {
  const firstLine = who.operator.userId;
  for (const [email, count] of Object.entries(SHARE)) {
    const user = await findUserByEmail(ctx.db, email);
    if (!user) continue;
    const held = await ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('assignee_id', '=', user.id)
      .executeTakeFirst();
    if (held) continue;
    const units = (
      await ctx.db
        .selectFrom('user_units')
        .select('unit_id')
        .where('user_id', '=', user.id)
        .execute()
    ).map((u) => u.unit_id);
    if (!units.length) continue;
    // The first line took everything overnight; the supervisor spreads it over the units.
    const waiting = await ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('status', 'in', ['new', 'open'])
      .where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '=', firstLine)]))
      .where((eb) => eb.or([eb('unit_id', 'in', units), eb('unit_id', 'is', null)]))
      .orderBy('created_at')
      .limit(count)
      .execute();
    for (const a of waiting) {
      await assign(ctx, who.supervisor, {
        appealId: a.id,
        assigneeId: user.id,
        reason: 'Распределение нагрузки в начале смены',
      });
    }
  }
}
