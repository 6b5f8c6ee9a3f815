export { ingestAllOnce } from './ingest/ingest-once';
export { ingestMailboxOnce } from './ingest/ingest-mailbox';
export { startMailWatchers, watchMailbox } from './ingest/watch-mailbox';
export { ingestMessage, type FetchedMessage, type IngestOutcome } from './ingest/store-message';
export type { MailboxTally } from './ingest/tally';
