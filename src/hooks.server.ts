import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n/messages';
import { mayOpen } from '$lib/domain/navigation';
import { resolveSession, SESSION_COOKIE } from '$lib/server/auth/auth.service';
import { LOCALE_COOKIE } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { isBusy } from '$lib/server/db/busy';

export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE);
  const session = await resolveSession(appContext(), token);
  event.locals.user = session?.user ?? null;
  event.locals.locale = session?.user.locale ?? pickLocale(event.cookies.get(LOCALE_COOKIE));
  if (token && !session) event.cookies.delete(SESSION_COOKIE, { path: '/' });

  const denied = guardConsole(event);
  if (denied) return denied;

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
  });
  framingPolicy(response, event.locals.frameAncestors);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (event.url.protocol === 'https:') {
    response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  }
  if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  return response;
};

/**
 * No page may be framed except a web form by the origins its admin listed: frame-ancestors joins
 * the page's CSP (SvelteKit's, with the script nonce) or stands alone on other responses.
 */
function framingPolicy(response: Response, ancestors: string | undefined): void {
  const policy = ancestors ?? "frame-ancestors 'none'";
  const csp = response.headers.get('Content-Security-Policy');
  if (!csp) response.headers.set('Content-Security-Policy', policy);
  else if (!/(^|;)\s*frame-ancestors\b/.test(csp)) {
    response.headers.set('Content-Security-Policy', `${csp}; ${policy}`);
  }
  if (!ancestors) response.headers.set('X-Frame-Options', 'DENY');
}

/**
 * Console routes: sign-in required, and the path must belong to a section the user's roles
 * open. Form actions are refused here, before they run; page views are refused by the console
 * layout so the 403 renders inside the app's own error page.
 */
function guardConsole(event: Parameters<Handle>[0]['event']): Response | null {
  if (!event.route.id?.startsWith('/(console)')) return null;
  const user = event.locals.user;
  if (!user) {
    const next = event.url.pathname + event.url.search;
    redirect(303, `/login?next=${encodeURIComponent(next)}`);
  }
  if (event.request.method === 'GET' || mayOpen(user.roles, event.url.pathname)) return null;
  return new Response('errors.forbidden', { status: 403 });
}

export const handleError: HandleServerError = ({ error: err, event, status }) => {
  if (status !== 404) console.error(`[http] ${event.request.method} ${event.url.pathname}:`, err);
  if (isBusy(err)) return { message: 'errors.busy' };
  return { message: status === 404 ? 'errors.notFound' : 'errors.internal' };
};
