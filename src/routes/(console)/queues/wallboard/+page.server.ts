import { error } from '@sveltejs/kit';
import { mayOpen } from '$lib/domain/navigation';
import { appContext } from '$lib/server/context';
import { liveBoard } from '$lib/server/live/board.service';
import type { PageServerLoad } from './$types';

// The wallboard leaves the console's layout (no navigation on a big screen), so it checks access itself.
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  if (!mayOpen(user.roles, url.pathname)) error(403, 'errors.forbidden');
  const actor = { kind: 'user', userId: user.id, roles: user.roles } as const;
  return liveBoard(appContext(), actor, { appeals: false });
};
