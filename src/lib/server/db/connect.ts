import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DbTarget {
  sqlitePath?: string;
  postgresUrl?: string;
  /** How long a statement waits for a lock held by someone else before giving up (busy). */
  lockTimeoutMs?: number;
}

const LOCK_TIMEOUT_MS = 5000;

export function dbKind(target: DbTarget): DbKind {
  return target.postgresUrl ? 'postgres' : 'sqlite';
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: a deferred transaction that reads and then
 * writes fails at once (SQLITE_BUSY) when another process wrote in between, while an immediate
 * one waits for the write lock under busy_timeout. Matters when the CLI ingests beside the server.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function connect(target: DbTarget): Db {
  if (target.postgresUrl) {
    const pool = new pg.Pool({
      connectionString: target.postgresUrl,
      max: 10,
      // Without lock_timeout a statement waits for a held lock for ever; with it the user hears
      // «busy». Parallel plans are off: an inbox page is «the first 50 in activity order», and a
      // parallel index scan under Gather Merge read 690,000 appeals for a search a plain scan
      // answers from 1,842 (1.8 s against 5 ms, issue 4 bench on a million appeals).
      options: `-c lock_timeout=${target.lockTimeoutMs ?? LOCK_TIMEOUT_MS} -c max_parallel_workers_per_gather=0`,
    });
    // An idle connection the server closes (restart, failover) must not crash the process.
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01')
        console.error(`[db] idle PostgreSQL connection lost: ${err.message}`);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = target.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${target.lockTimeoutMs ?? LOCK_TIMEOUT_MS}`);
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}
