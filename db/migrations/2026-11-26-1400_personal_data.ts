import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** 152-FZ: how long personal data is kept, who opened whose data, what was anonymised. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('privacy_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /** Appeals closed longer ago than this lose their texts and their clients' names and contacts. */
    .addColumn('retention_years', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('last_retention_at', 'text')
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per opening of a client's data: written on every view, so no foreign keys to check.
  await withId(db, db.schema.createTable('client_access_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('client_id', 'integer', (c) => c.notNull())
    .addColumn('appeal_id', 'integer')
    /** appeal.view | attachment.open | client.export */
    .addColumn('action', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('client_access_log_client_idx')
    .on('client_access_log')
    .columns(['client_id', 'id'])
    .execute();
  await db.schema
    .createIndex('client_access_log_user_idx')
    .on('client_access_log')
    .columns(['user_id', 'id'])
    .execute();

  // What the retention run has anonymised: makes the run idempotent and cheap to repeat.
  await db.schema
    .createTable('anonymized_appeals')
    .addColumn('appeal_id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('anonymized_clients')
    .addColumn('client_id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('anonymized_clients').execute();
  await db.schema.dropTable('anonymized_appeals').execute();
  await db.schema.dropTable('client_access_log').execute();
  await db.schema.dropTable('privacy_settings').execute();
}
