import type { IngestOutcome } from './store-message';

/** What one pass over a mailbox did. */
export interface MailboxTally {
  mailboxId: number;
  address: string;
  fetched: number;
  created: number;
  threaded: number;
  duplicates: number;
  bounces: number;
  acknowledged: number;
  error: string | null;
}

export function emptyTally(mailboxId: number, address: string): MailboxTally {
  return {
    mailboxId,
    address,
    fetched: 0,
    created: 0,
    threaded: 0,
    duplicates: 0,
    bounces: 0,
    acknowledged: 0,
    error: null,
  };
}

export function count(tally: MailboxTally, o: IngestOutcome): void {
  tally.fetched++;
  if (o.result === 'created') tally.created++;
  else if (o.result === 'threaded') tally.threaded++;
  else if (o.result === 'duplicate') tally.duplicates++;
  else tally.bounces++;
  if (o.acknowledged) tally.acknowledged++;
}
