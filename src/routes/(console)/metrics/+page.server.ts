import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { metricsReport } from '$lib/server/metrics/metrics.service';
import { parseMetricsQuery } from '$lib/server/metrics/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const ctx = appContext();
  const q = parseMetricsQuery(url.searchParams, ctx.clock.now());
  try {
    const [report, touchpoints, processes, units, operators] = await Promise.all([
      metricsReport(ctx, { kind: 'user', userId: user.id, roles: user.roles }, q),
      ctx.db.selectFrom('touchpoints').select(['id', 'name', 'channel']).orderBy('name').execute(),
      ctx.db.selectFrom('processes').select(['id', 'name']).orderBy('name').execute(),
      ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
      ctx.db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.id', 'u.name'])
        .where('r.role', '=', 'operator')
        .distinct()
        .orderBy('u.name')
        .execute(),
    ]);
    return {
      query: q,
      report,
      options: {
        touchpoints,
        processes,
        units,
        operators,
        channels: [...new Set(touchpoints.map((t) => t.channel))].sort(),
      },
    };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') error(403, err.message);
    throw err;
  }
};
