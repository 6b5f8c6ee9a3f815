import { appContext } from '$lib/server/context';
import { proposals, workingRegistry } from '$lib/server/registry/registry.service';
import { toEntry } from '$lib/server/registry/to-entry';
import { versions } from '$lib/server/registry/versions.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const ctx = appContext();
  const actor = { kind: 'user' as const, userId: user.id, roles: user.roles };
  const [rows, allVersions, pending] = await Promise.all([
    workingRegistry(ctx),
    versions(ctx),
    proposals(ctx, actor, { status: 'pending' }),
  ]);
  return {
    entries: rows.map(toEntry),
    latest: allVersions[0] ?? null,
    unpublished: allVersions.filter((v) => !v.publishedAt),
    pendingCount: pending.length,
  };
};
