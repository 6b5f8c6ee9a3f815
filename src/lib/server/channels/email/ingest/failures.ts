/**
 * Errors that say nothing about the message: a busy or unreachable database, a full disk, a lost
 * connection. The message is tried again later as it is; any other error is the message's own.
 */
export function isTransient(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return (
    /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|NOMEM|READONLY)/.test(code) ||
    // PostgreSQL classes: connection, transaction rollback, resources, operator, system.
    /^(08|40|53|57|58)[0-9A-Z]{3}$/.test(code) ||
    /^E[A-Z]+$/.test(code)
  );
}

export function describeError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = e && typeof e.message === 'string' ? e.message : String(err);
  return e && e.code ? `${String(e.code)}: ${message}` : message;
}
