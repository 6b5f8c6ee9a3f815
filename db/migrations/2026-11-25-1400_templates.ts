import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Knowledge base (seed 000 §3.4 з, seed 001 §3.2.5–3.2.6): reply templates, call scripts, guidance.
  await withId(db, db.schema.createTable('templates'))
    /** reply | script | guide */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** draft | review | published | archived */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    /** JSON array of channel codes the template suits; empty = any. */
    .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of tags. */
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('review_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createIndex('templates_kind_status_idx')
    .on('templates')
    .columns(['kind', 'status'])
    .execute();

  await db.schema
    .createTable('template_processes')
    .addColumn('template_id', 'integer', (c) =>
      c.notNull().references('templates.id').onDelete('cascade'),
    )
    .addColumn('process_id', 'integer', (c) => c.notNull().references('processes.id'))
    .addPrimaryKeyConstraint('template_processes_pk', ['template_id', 'process_id'])
    .execute();

  await db.schema
    .createTable('template_touchpoints')
    .addColumn('template_id', 'integer', (c) =>
      c.notNull().references('templates.id').onDelete('cascade'),
    )
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addPrimaryKeyConstraint('template_touchpoints_pk', ['template_id', 'touchpoint_id'])
    .execute();

  // Every saved state, so any two versions can be compared.
  await withId(db, db.schema.createTable('template_versions'))
    .addColumn('template_id', 'integer', (c) =>
      c.notNull().references('templates.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('template_versions_uq', ['template_id', 'version'])
    .execute();

  await db.schema
    .createTable('template_usage')
    .addColumn('template_id', 'integer', (c) =>
      c.notNull().references('templates.id').onDelete('cascade'),
    )
    .addColumn('appeal_id', 'integer', (c) => c.references('appeals.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('used_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('template_usage_template_idx')
    .on('template_usage')
    .columns(['template_id', 'used_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'template_usage',
    'template_versions',
    'template_touchpoints',
    'template_processes',
    'templates',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
