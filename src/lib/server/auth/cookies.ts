import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './auth.service';

export const LOCALE_COOKIE = 'otklik_locale';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date) {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    expires,
  });
}

export function setLocaleCookie(cookies: Cookies, url: URL, locale: string) {
  cookies.set(LOCALE_COOKIE, locale, {
    path: '/',
    httpOnly: false,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: 365 * 24 * 3600,
  });
}
