import type { ServiceContext } from '../../../context';
import { env } from '../../../env';
import {
  markConnected,
  markError,
  markIdle,
  type MailboxRow,
} from '../../../mailboxes/mailboxes.queries';
import { describeImapError, imapClient } from '../imap/client';
import { drainFolder } from './ingest-mailbox';
import { emptyTally, type MailboxTally } from './tally';

export interface WatchOptions {
  signal: AbortSignal;
  /** Fetch this often even when the server pushes nothing (no IDLE, or a silent drop). */
  pollMs?: number;
  /** Reconnect back-off starts at `minBackoffMs` and doubles up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onProgress?: (tally: MailboxTally) => void;
  onError?: (mailbox: MailboxRow, error: string) => void;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Keeps one mailbox read until `signal` aborts: new mail is pushed by IDLE (imapflow starts it
 * whenever the connection rests and polls with NOOP on servers without IDLE), a timer fetches
 * anyway every `pollMs`, and a dropped connection is re-opened with exponential back-off.
 */
export async function watchMailbox(
  ctx: ServiceContext,
  mailbox: MailboxRow,
  opts: WatchOptions,
): Promise<void> {
  const pollMs = opts.pollMs ?? env().OTKLIK_MAIL_POLL_SECONDS * 1000;
  const minBackoff = opts.minBackoffMs ?? 1000;
  const maxBackoff = opts.maxBackoffMs ?? 60_000;
  const tally = emptyTally(mailbox.id, mailbox.address);
  let backoff = minBackoff;
  while (!opts.signal.aborted) {
    const client = imapClient(mailbox, { autoIdleDelay: 300 });
    let dirty: boolean;
    let notify: (() => void) | null = null;
    const poke = () => {
      dirty = true;
      notify?.();
    };
    client.on('exists', poke);
    client.on('close', poke);
    client.on('error', () => undefined);
    const stop = () => {
      poke();
      client.close();
    };
    opts.signal.addEventListener('abort', stop, { once: true });
    try {
      await client.connect();
      await markConnected(ctx.db, mailbox.id, ctx.clock.now().toISOString());
      backoff = minBackoff;
      while (client.usable && !opts.signal.aborted) {
        dirty = false;
        await drainFolder(ctx, client, mailbox, tally, opts.onProgress);
        if (dirty) continue;
        await Promise.race([
          new Promise<void>((resolve) => (notify = resolve)),
          delay(pollMs, opts.signal),
        ]);
        notify = null;
      }
      if (!opts.signal.aborted) throw new Error('connection closed by the server');
    } catch (err) {
      if (!opts.signal.aborted) {
        const message = describeImapError(err);
        await markError(ctx.db, mailbox.id, message, ctx.clock.now().toISOString());
        opts.onError?.(mailbox, message);
      }
    } finally {
      opts.signal.removeEventListener('abort', stop);
      client.close();
    }
    if (opts.signal.aborted) break;
    await delay(backoff * (0.75 + Math.random() / 2), opts.signal);
    backoff = Math.min(backoff * 2, maxBackoff);
  }
  await markIdle(ctx.db, mailbox.id, ctx.clock.now().toISOString());
}
