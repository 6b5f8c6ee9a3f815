import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Seed 000 §3.5: written replies go out on the agency's official letterhead. One row, id 1.
  await db.schema
    .createTable('letterhead_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    /** Null: the agency name from OTKLIK_AGENCY. */
    .addColumn('agency_name', 'text')
    /** The emblem image in the attachment store (PNG or JPEG). */
    .addColumn('emblem_sha256', 'text')
    .addColumn('emblem_type', 'text')
    /** Address, phones, e-mail, OGRN/INN: one line each. */
    .addColumn('requisites', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signatory_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signatory_position', 'text', (c) => c.notNull().defaultTo(''))
    /** Put before the yearly sequence of outgoing numbers, e.g. «01-12/». */
    .addColumn('number_prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('letter_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  // The register of outgoing letters: each number once, with what was printed under it.
  await withId(db, db.schema.createTable('outgoing_letters'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('appeal_id', 'integer', (c) => c.references('appeals.id'))
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('signatory', 'text', (c) => c.notNull())
    /** The PDF in the attachment store. */
    .addColumn('file_sha256', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('outgoing_letters_seq_uq', ['year', 'seq'])
    .execute();
  await db.schema
    .createIndex('outgoing_letters_appeal_idx')
    .on('outgoing_letters')
    .column('appeal_id')
    .execute();

  await db.schema
    .createIndex('template_usage_touchpoint_idx')
    .on('template_usage')
    .columns(['touchpoint_id', 'used_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('template_usage_touchpoint_idx').execute();
  for (const t of ['outgoing_letters', 'letter_counters', 'letterhead_settings']) {
    await db.schema.dropTable(t).execute();
  }
}
