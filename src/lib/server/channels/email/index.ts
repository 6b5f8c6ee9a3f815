export { ingestAllOnce } from './ingest/ingest-once';
export { ingestMailboxOnce } from './ingest/ingest-mailbox';
export { watchMailbox } from './ingest/watch-mailbox';
export { startConfiguredIngest, startMailWatchers } from './ingest/watchers';
export { ingestMessage, type FetchedMessage, type IngestOutcome } from './ingest/store-message';
export type { MailboxTally } from './ingest/tally';
