import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../../src/lib/server/db/schema';
import { indexBatch, optimizeIndex } from '../../../src/lib/server/search/appeal-search';
import { BULK_TABLES, type BulkWriter } from './bulk';
import { COLUMNS, type AppealBatch, type Row, type Table } from './model';

const TEXT_IDS = new Set(['external_id']);
const pgType = (column: string) =>
  column === 'id' || column === 'attempts' || (column.endsWith('_id') && !TEXT_IDS.has(column))
    ? 'int'
    : 'text';

/**
 * Loads with one `insert … select * from unnest($1::int[], $2::text[], …)` per table and batch
 * (a handful of parameters however many rows). Search documents go through the search module's
 * `indexBatch` on a second connection while the next batch is generated. Secondary indexes are
 * dropped for the load and rebuilt from `pg_get_indexdef` at the end.
 */
export class PgBulk implements BulkWriter {
  readonly #pool: pg.Pool;
  readonly #db: Kysely<Database>;
  #indexes: { name: string; def: string }[] = [];
  #indexing: Promise<void> = Promise.resolve();

  constructor(url: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 2 });
    this.#db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    });
  }

  async begin(): Promise<void> {
    const { rows } = await this.#pool.query<{ name: string; def: string }>(
      `select i.relname as name, pg_get_indexdef(i.oid) as def
         from pg_index x
         join pg_class i on i.oid = x.indexrelid
         join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = current_schema() and t.relname = any($1)
          and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`,
      [[...BULK_TABLES]],
    );
    this.#indexes = rows;
    for (const { name } of rows) await this.#pool.query(`drop index "${name}"`);
  }

  async #insert(client: pg.PoolClient, table: Table, rows: readonly Row[]): Promise<void> {
    if (!rows.length) return;
    const cols = COLUMNS[table];
    const arrays = cols.map((_, c) => rows.map((r) => r[c]));
    const params = cols.map((col, c) => `$${c + 1}::${pgType(col)}[]`).join(', ');
    await client.query(
      `insert into ${table} (${cols.join(', ')}) select * from unnest(${params})`,
      arrays,
    );
  }

  async #inTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('begin');
      await work(client);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    } finally {
      client.release();
    }
  }

  async clients(clients: Row[], contacts: Row[]): Promise<void> {
    await this.#inTransaction(async (c) => {
      await this.#insert(c, 'clients', clients);
      await this.#insert(c, 'client_contacts', contacts);
    });
  }

  async appeals(batch: AppealBatch): Promise<void> {
    await this.#inTransaction(async (c) => {
      await this.#insert(c, 'appeals', batch.appeals);
      await this.#insert(c, 'interactions', batch.interactions);
      await this.#insert(c, 'outbox', batch.outbox);
    });
    await this.#indexing;
    this.#indexing = indexBatch(this.#db, batch.search);
  }

  async finish(counters: ReadonlyMap<number, number>, step: (what: string) => void): Promise<void> {
    await this.#indexing;
    await this.#pool.query(`set maintenance_work_mem = '512MB'`);
    const client = await this.#pool.connect();
    try {
      await client.query(`set maintenance_work_mem = '512MB'`);
      for (const { name, def } of this.#indexes) {
        step(`index ${name}`);
        await client.query(def);
      }
    } finally {
      client.release();
    }
    for (const table of ['clients', 'client_contacts', 'appeals', 'interactions', 'outbox']) {
      await this.#pool.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1)) from ${table}`,
      );
    }
    for (const [year, last] of counters) {
      await this.#pool.query(
        'insert into appeal_counters (year, last) values ($1, $2) on conflict (year) do update set last = excluded.last',
        [year, last],
      );
    }
    step('search index statistics');
    await optimizeIndex(this.#db);
    step('vacuum analyze');
    await this.#pool.query('vacuum analyze');
  }

  async close(): Promise<void> {
    await this.#db.destroy();
    await this.#pool.end();
  }
}
