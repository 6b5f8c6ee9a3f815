import type { AppealBatch, Row } from './model';

/** Tables the generator fills; their secondary indexes are rebuilt after the load. */
export const BULK_TABLES = [
  'clients',
  'client_contacts',
  'appeals',
  'interactions',
  'outbox',
  'appeal_search',
] as const;

export interface BulkWriter {
  begin(): Promise<void>;
  clients(clients: Row[], contacts: Row[]): Promise<void>;
  appeals(batch: AppealBatch): Promise<void>;
  /** Rebuilds indexes, stores the yearly counters, refreshes planner statistics. */
  finish(counters: ReadonlyMap<number, number>, step: (what: string) => void): Promise<void>;
  close(): Promise<void>;
}
