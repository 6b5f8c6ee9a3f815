import type { SessionUser } from '$lib/server/auth/auth.service';
import type { Locale } from '$lib/i18n/messages';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      locale: Locale;
      /** A page that may be framed (a web form) names its CSP frame-ancestors; others get 'none'. */
      frameAncestors?: string;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
