import type { ServiceContext } from '../../../context';
import { activeMailboxes } from '../../../mailboxes/mailboxes.queries';
import { ingestMailboxOnce, type PassOptions } from './ingest-mailbox';
import type { MailboxTally } from './tally';

/** One pass over every active mailbox, one after another; a failing mailbox does not stop the rest. */
export async function ingestAllOnce(
  ctx: ServiceContext,
  opts: PassOptions = {},
): Promise<MailboxTally[]> {
  const tallies: MailboxTally[] = [];
  for (const mailbox of await activeMailboxes(ctx.db)) {
    tallies.push(await ingestMailboxOnce(ctx, mailbox, opts));
  }
  return tallies;
}
