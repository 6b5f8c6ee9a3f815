import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('activity_areas'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('client_kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('processes'))
    .addColumn('area_id', 'integer', (c) => c.notNull().references('activity_areas.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('client_kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('processes_area_name_uq', ['area_id', 'name'])
    .execute();

  await withId(db, db.schema.createTable('touchpoints'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The working registry: what the last approval left, one row per process × touchpoint (seed 004 §22).
  await withId(db, db.schema.createTable('registry_rows'))
    .addColumn('process_id', 'integer', (c) => c.notNull().references('processes.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('needs_other', 'text')
    .addColumn('specifics', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registry_rows_process_touchpoint_uq', ['process_id', 'touchpoint_id'])
    .execute();

  await withId(db, db.schema.createTable('registry_versions'))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('publish_due', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('registry_proposals'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text')
    .addColumn('row_id', 'integer', (c) => c.references('registry_rows.id'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('version_id', 'integer', (c) => c.references('registry_versions.id'))
    .execute();
  await db.schema
    .createIndex('registry_proposals_status_idx')
    .on('registry_proposals')
    .column('status')
    .execute();

  // Admin edits on top of the shipped production calendar.
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'calendar_overrides',
    'registry_proposals',
    'registry_versions',
    'registry_rows',
    'touchpoints',
    'processes',
    'activity_areas',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
