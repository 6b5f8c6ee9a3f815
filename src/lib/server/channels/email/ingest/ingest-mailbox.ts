import type { ImapFlow } from 'imapflow';
import type { ServiceContext } from '../../../context';
import {
  mailboxAddresses,
  markConnected,
  markError,
  markFetched,
  markIdle,
  type MailboxRow,
} from '../../../mailboxes/mailboxes.queries';
import { describeImapError, imapClient, isAuthFailure } from '../imap/client';
import { fetchNewMessages } from '../imap/fetch-new';
import { fetchLimits, maxAttachmentBytes } from './limits';
import { ingestBatch, type IngestEnv } from './store-message';
import { count, emptyTally, type MailboxTally } from './tally';

export interface PassOptions {
  /** Reconnect delays after a dropped connection, ms; the pass fails when they run out. */
  retryDelaysMs?: readonly number[];
  onProgress?: (tally: MailboxTally) => void;
}

const DEFAULT_RETRIES = [500, 1000, 2000, 4000, 8000];
/** Messages stored per transaction: fewer commits, and the write lock is held only briefly. */
const COMMIT_EVERY = 20;

export async function ingestEnv(ctx: ServiceContext): Promise<IngestEnv> {
  return {
    ownAddresses: await mailboxAddresses(ctx.db),
    maxAttachmentBytes: maxAttachmentBytes(),
  };
}

/** Fetches and stores what is new in an already connected client's folder. */
export async function drainFolder(
  ctx: ServiceContext,
  client: ImapFlow,
  mailbox: MailboxRow,
  tally: MailboxTally,
  onProgress?: (tally: MailboxTally) => void,
): Promise<void> {
  const env = await ingestEnv(ctx);
  await fetchNewMessages(ctx, client, mailbox, fetchLimits(), async (messages) => {
    for (let i = 0; i < messages.length; i += COMMIT_EVERY) {
      const outcomes = await ingestBatch(ctx, mailbox, messages.slice(i, i + COMMIT_EVERY), env);
      for (const o of outcomes) count(tally, o);
      onProgress?.(tally);
    }
  });
  await markFetched(ctx.db, mailbox.id, ctx.clock.now().toISOString());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One pass over a mailbox: connect, store everything new, log out. A dropped connection is
 * retried with back-off from the checkpoint, which already holds every message stored, so
 * nothing is lost or stored twice. The mailbox row shows the state and the last error.
 */
export async function ingestMailboxOnce(
  ctx: ServiceContext,
  mailbox: MailboxRow,
  opts: PassOptions = {},
): Promise<MailboxTally> {
  const tally = emptyTally(mailbox.id, mailbox.address);
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRIES;
  for (let attempt = 0; ; attempt++) {
    const client = imapClient(mailbox, { disableAutoIdle: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await markConnected(ctx.db, mailbox.id, ctx.clock.now().toISOString());
      await drainFolder(ctx, client, mailbox, tally, opts.onProgress);
      await client.logout().catch(() => undefined);
      await markIdle(ctx.db, mailbox.id, ctx.clock.now().toISOString());
      tally.error = null;
      return tally;
    } catch (err) {
      client.close();
      tally.error = describeImapError(err);
      await markError(ctx.db, mailbox.id, tally.error, ctx.clock.now().toISOString());
      if (attempt >= delays.length || isAuthFailure(err)) return tally;
      await sleep(delays[attempt]!);
    }
  }
}
