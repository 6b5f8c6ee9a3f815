/** Codes of a database that could not take the work now but may in a moment. */
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);
// PostgreSQL: lock_not_available (lock_timeout), serialization failure, deadlock, statement timeout.
const PG_BUSY = new Set(['55P03', '40001', '40P01', '57014']);

/** Whether an error means «the database is busy»: the work was not done and may be retried. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (SQLITE_BUSY.has(code) || PG_BUSY.has(code));
}
