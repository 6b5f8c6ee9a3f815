import { fail, redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/domain/navigation';
import { SESSION_COOKIE, signIn } from '$lib/server/auth/auth.service';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths are followed after sign-in. */
function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.user)
    redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.user.roles));
};

// Anonymous by design: signing in is the one console action open to everyone.
export const actions: Actions = {
  default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
    const form = await request.formData();
    const email = text(form, 'email').trim();
    const password = text(form, 'password');
    if (!email || !password)
      return fail(400, { email, error: 'auth.required' as const, details: null });
    try {
      const session = await signIn(appContext(), {
        email,
        password,
        userAgent: request.headers.get('user-agent'),
        address: getClientAddress(),
        // A session id the browser arrived with is ended, never reused (session fixation).
        previousToken: cookies.get(SESSION_COOKIE) ?? null,
      });
      setSessionCookie(cookies, url, session.token, session.expiresAt);
      redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(session.user.roles));
    } catch (err) {
      if (err instanceof DomainError) {
        const details =
          (err.details as { minutes: number; retryAfter: number } | undefined) ?? null;
        if (err.code === 'LOCKED' && details)
          setHeaders({ 'Retry-After': String(details.retryAfter) });
        return fail(err.code === 'LOCKED' ? 429 : 400, {
          email,
          error: err.message as 'auth.invalid' | 'auth.locked' | 'auth.tooManyFromAddress',
          details: details ? { minutes: details.minutes } : null,
        });
      }
      throw err;
    }
  },
};
