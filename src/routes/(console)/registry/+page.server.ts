import { appContext } from '$lib/server/context';
import { registryFigures } from '$lib/server/metrics/metrics.service';
import { figuresByEntry } from '$lib/server/registry/figures-by-entry';
import { proposals, workingRegistry } from '$lib/server/registry/registry.service';
import { toEntry } from '$lib/server/registry/to-entry';
import { versions } from '$lib/server/registry/versions.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const ctx = appContext();
  const actor = { kind: 'user' as const, userId: user.id, roles: user.roles };
  const [rows, allVersions, pending, figures] = await Promise.all([
    workingRegistry(ctx),
    versions(ctx),
    proposals(ctx, actor, { status: 'pending' }),
    registryFigures(ctx, actor),
  ]);
  return {
    entries: rows.map(toEntry),
    // Issue 12: each row's and touchpoint's measured service, with flags.
    figures: {
      period: figures.period,
      thresholds: figures.thresholds,
      rows: figuresByEntry(rows, figures),
      touchpoints: [...new Map(rows.map((r) => [r.touchpointId, r])).values()]
        .map((r) => ({
          id: r.touchpointId,
          name: r.touchpoint,
          channel: r.channel,
          ...figures.touchpoints[String(r.touchpointId)]!,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    },
    latest: allVersions[0] ?? null,
    unpublished: allVersions.filter((v) => !v.publishedAt),
    pendingCount: pending.length,
  };
};
