import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Seed 000 §3.4: the public form of a web-form touchpoint, as its admin configured it.
  await withId(db, db.schema.createTable('webforms'))
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().unique().references('touchpoints.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    /** JSON: [{ key, enabled, required, hint }] in the order shown. */
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('thanks', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON array of process ids the client may choose from. */
    .addColumn('process_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of origins allowed to embed the form (CSP frame-ancestors). */
    .addColumn('embed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('policy_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One line per accepted submission from an address, for the per-address limit.
  await withId(db, db.schema.createTable('webform_submissions'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webform_submissions_address_idx')
    .on('webform_submissions')
    .columns(['address', 'at'])
    .execute();

  // Seed 000 §4.13 p.4: the client's language, so the operator sees it.
  await db.schema.alterTable('appeals').addColumn('language', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('appeals').dropColumn('language').execute();
  await db.schema.dropTable('webform_submissions').execute();
  await db.schema.dropTable('webforms').execute();
}
