import { redirect, type RequestHandler } from '@sveltejs/kit';
import { SESSION_COOKIE, signOut } from '$lib/server/auth/auth.service';
import { appContext } from '$lib/server/context';

export const POST: RequestHandler = async ({ cookies }) => {
  await signOut(appContext(), cookies.get(SESSION_COOKIE));
  cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
};
