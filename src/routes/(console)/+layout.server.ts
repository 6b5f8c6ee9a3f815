import { error } from '@sveltejs/kit';
import { mayOpen, navFor } from '$lib/domain/navigation';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  // hooks.server.ts has already redirected anonymous visitors.
  const user = locals.user!;
  if (!mayOpen(user.roles, url.pathname)) error(403, 'errors.forbidden');
  return { nav: navFor(user.roles), user };
};
