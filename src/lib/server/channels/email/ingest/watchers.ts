import { appContext, type ServiceContext } from '../../../context';
import { env } from '../../../env';
import { activeMailboxes } from '../../../mailboxes/mailboxes.queries';
import { watchMailbox, type WatchOptions } from './watch-mailbox';

/**
 * Watches every active mailbox, and picks up mailboxes added later (`otklik mailbox add` while
 * the server runs) at each poll interval; `stop()` closes the connections and waits for them.
 */
export async function startMailWatchers(
  ctx: ServiceContext,
  opts: Omit<WatchOptions, 'signal'> = {},
): Promise<{ stop(): Promise<void> }> {
  const controller = new AbortController();
  const running = new Map<number, Promise<void>>();
  const refresh = async () => {
    for (const m of await activeMailboxes(ctx.db)) {
      if (!running.has(m.id)) {
        running.set(m.id, watchMailbox(ctx, m, { ...opts, signal: controller.signal }));
      }
    }
  };
  await refresh();
  const timer = setInterval(
    () => void refresh().catch(() => undefined),
    opts.pollMs ?? env().OTKLIK_MAIL_POLL_SECONDS * 1000,
  );
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      controller.abort();
      await Promise.allSettled(running.values());
    },
  };
}

/** The server's mailbox watchers on the app context, unless OTKLIK_INGEST=0. */
export async function startConfiguredIngest(
  log: (line: string) => void = console.error,
): Promise<() => Promise<void>> {
  if (env().OTKLIK_INGEST === '0') return async () => {};
  const watchers = await startMailWatchers(appContext(), {
    onError: (m, error) => log(`mailbox ${m.address}: ${error}; reconnecting`),
  });
  return () => watchers.stop();
}
