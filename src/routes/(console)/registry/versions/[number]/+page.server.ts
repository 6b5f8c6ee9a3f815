import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { findVersion } from '$lib/server/registry/versions.queries';
import { compareVersions, versionEntries } from '$lib/server/registry/versions.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
  const ctx = appContext();
  const number = Number(params.number);
  const version = Number.isInteger(number) ? await findVersion(ctx.db, number) : undefined;
  if (!version) error(404, 'errors.notFound');
  const fromParam = url.searchParams.get('from');
  const from = fromParam != null && /^\d+$/.test(fromParam) ? Number(fromParam) : number - 1;
  if (from !== 0 && !(await findVersion(ctx.db, from))) error(404, 'errors.notFound');
  return {
    version,
    from,
    diff: await compareVersions(ctx, from, number),
    entries: await versionEntries(ctx, number),
  };
};
