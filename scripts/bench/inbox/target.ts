import path from 'node:path';
import type { DbTarget } from '../../../src/lib/server/db/connect';
import { env } from '../../../src/lib/server/env';

export interface BenchTarget extends DbTarget {
  label: string;
}

/** `--database-url` or `--data DIR` first, then DATABASE_URL / OTKLIK_DATA as the app reads them. */
export function benchTarget(opts: { data?: string; 'database-url'?: string }): BenchTarget {
  const url = opts['database-url'];
  if (url) return { postgresUrl: url, label: `PostgreSQL ${redact(url)}` };
  if (opts.data) {
    const sqlitePath = path.join(path.resolve(opts.data), 'otklik.sqlite');
    return { sqlitePath, label: `SQLite ${sqlitePath}` };
  }
  const e = env();
  if (e.DATABASE_URL)
    return { postgresUrl: e.DATABASE_URL, label: `PostgreSQL ${redact(e.DATABASE_URL)}` };
  return { sqlitePath: e.sqlitePath, label: `SQLite ${e.sqlitePath}` };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
