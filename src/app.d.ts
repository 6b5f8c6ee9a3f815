import type { SessionUser } from '$lib/server/auth/auth.service';
import type { Locale } from '$lib/i18n/messages';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      locale: Locale;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
