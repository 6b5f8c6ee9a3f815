import { redirect, type RequestHandler } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n/messages';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { setOwnLocale } from '$lib/server/users/users.service';

/** Works without JavaScript: a plain form POST, then back to the page it came from. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
  const form = await request.formData();
  const locale = pickLocale(String(form.get('locale')));
  setLocaleCookie(cookies, url, locale);
  const user = locals.user;
  if (user) {
    await setOwnLocale(appContext(), { kind: 'user', userId: user.id, roles: user.roles }, locale);
  }
  const back = String(form.get('back') ?? '/');
  redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
