import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from './server/trpc/router';
import { isMessageKey, type Translate } from './i18n/messages';

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc' })],
});

/** A tRPC error as a sentence for the user, in their language. */
export function errorText(err: unknown, t: Translate): string {
  if (err instanceof TRPCClientError) {
    const details = (err.data as { details?: Record<string, string | number> } | undefined)
      ?.details;
    if (isMessageKey(err.message)) return t(err.message, details ?? undefined);
  }
  return t('errors.internal');
}
