import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Seed 003 §3.6: the maintainer rates how removable each pain point is.
  await db.schema
    .createTable('pain_point_settings')
    /** `<touchpoint id>:<process id or 0>`: a text key, as a process may be unknown (null). */
    .addColumn('pain_key', 'text', (c) => c.primaryKey())
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    /** 1 легко, 2 средне, 3 сложно; null: not rated yet. */
    .addColumn('fixability', 'integer')
    .addColumn('note', 'text')
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Seed 003 §3.7: the plan of improvement actions that the pain map feeds.
  await withId(db, db.schema.createTable('improvement_actions'))
    .addColumn('pain_key', 'text', (c) => c.notNull())
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    /** YYYY-MM-DD. */
    .addColumn('due_date', 'text', (c) => c.notNull())
    /** planned | in_progress | done */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('improvement_actions_key_idx')
    .on('improvement_actions')
    .columns(['pain_key', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('improvement_actions').execute();
  await db.schema.dropTable('pain_point_settings').execute();
}
