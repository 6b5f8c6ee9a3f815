import { error } from '@sveltejs/kit';
import { mayOpen, navFor } from '$lib/domain/navigation';
import { hasAnyRole } from '$lib/domain/roles';
import { mineCount } from '$lib/server/appeals/inbox.queries';
import { appContext } from '$lib/server/context';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
  // hooks.server.ts has already redirected anonymous visitors.
  const user = locals.user!;
  if (!mayOpen(user.roles, url.pathname)) error(403, 'errors.forbidden');
  depends('otklik:mine');
  // The badge beside «Обращения»: open work assigned to me (issue 11).
  const mine = hasAnyRole(user.roles, ['operator', 'supervisor'])
    ? await mineCount(appContext().db, user.id)
    : null;
  return { nav: navFor(user.roles), user, mine };
};
