import { callsOverview } from '$lib/server/calls/overview.service';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const overview = await callsOverview(
    appContext(),
    { kind: 'user', userId: user.id, roles: user.roles },
    { everyone: url.searchParams.get('who') === 'all' },
  );
  return {
    ...overview,
    view: url.searchParams.get('view') === 'callbacks' ? 'callbacks' : 'journal',
  };
};
