import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  redirect(303, locals.user ? homeFor(locals.user.roles) : '/login');
};
