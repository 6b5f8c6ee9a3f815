import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../../src/lib/server/db/schema';
import { indexBatch, optimizeIndex } from '../../../src/lib/server/search/appeal-search';
import { BULK_TABLES, type BulkWriter } from './bulk';
import { COLUMNS, type AppealBatch, type Row, type Table } from './model';

/**
 * Loads through one better-sqlite3 handle: prepared statements, one transaction per batch, the
 * search documents written by the search module's `indexBatch` in the same transaction. Secondary
 * indexes are dropped for the load and rebuilt from their stored definitions at the end.
 */
export class SqliteBulk implements BulkWriter {
  readonly #raw: SQLite.Database;
  readonly #db: Kysely<Database>;
  readonly #insert: Record<Table, SQLite.Statement>;
  #indexes: { name: string; sql: string }[] = [];

  constructor(file: string) {
    this.#raw = new SQLite(file);
    // better-sqlite3 runs in defensive mode, which refuses journal_mode = OFF.
    this.#raw.pragma('journal_mode = MEMORY');
    this.#raw.pragma('synchronous = OFF');
    this.#raw.pragma('cache_size = -1000000');
    this.#raw.pragma('temp_store = MEMORY');
    this.#raw.pragma('foreign_keys = OFF');
    this.#db = new Kysely<Database>({ dialect: new SqliteDialect({ database: this.#raw }) });
    const insert = (table: Table) => {
      const cols = COLUMNS[table];
      return this.#raw.prepare(
        `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
      );
    };
    this.#insert = {
      clients: insert('clients'),
      client_contacts: insert('client_contacts'),
      appeals: insert('appeals'),
      interactions: insert('interactions'),
      outbox: insert('outbox'),
    };
  }

  async begin(): Promise<void> {
    const list = BULK_TABLES.map(() => '?').join(', ');
    this.#indexes = this.#raw
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`,
      )
      .all(...BULK_TABLES) as { name: string; sql: string }[];
    for (const { name } of this.#indexes) this.#raw.exec(`drop index "${name}"`);
  }

  #rows(table: Table, rows: readonly Row[]): void {
    const stmt = this.#insert[table];
    for (const row of rows) stmt.run(row);
  }

  async clients(clients: Row[], contacts: Row[]): Promise<void> {
    this.#raw.transaction(() => {
      this.#rows('clients', clients);
      this.#rows('client_contacts', contacts);
    })();
  }

  async appeals(batch: AppealBatch): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      this.#rows('appeals', batch.appeals);
      this.#rows('interactions', batch.interactions);
      this.#rows('outbox', batch.outbox);
      await indexBatch(trx, batch.search);
    });
  }

  async finish(counters: ReadonlyMap<number, number>, step: (what: string) => void): Promise<void> {
    for (const { name, sql } of this.#indexes) {
      step(`index ${name}`);
      this.#raw.exec(sql);
    }
    const upsert = this.#raw.prepare(
      'insert into appeal_counters (year, last) values (?, ?) on conflict (year) do update set last = excluded.last',
    );
    for (const [year, last] of counters) upsert.run(year, last);
    step('search index optimize');
    await optimizeIndex(this.#db);
    step('analyze');
    this.#raw.exec('analyze');
    this.#raw.pragma('journal_mode = WAL');
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
