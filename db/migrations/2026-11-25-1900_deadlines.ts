import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return isPg(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  /** Scope columns left empty match anything; the policy with the most specific scope wins. */
  await withId(db, db.schema.createTable('deadline_policies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('segment', 'text')
    /** fz59 | fz8 | open_sources | internal | agency */
    .addColumn('basis', 'text', (c) => c.notNull())
    /** Amount and unit per target; unit: calendar_hours | calendar_days | working_hours | working_days. */
    .addColumn('ack_amount', 'integer')
    .addColumn('ack_unit', 'text')
    .addColumn('first_amount', 'integer')
    .addColumn('first_unit', 'text')
    .addColumn('answer_amount', 'integer')
    .addColumn('answer_unit', 'text')
    .addColumn('extension_days', 'integer')
    .addColumn('forward_days', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  /** One row: office hours (Moscow time, minutes from midnight) and the warning share. */
  await db.schema
    .createTable('deadline_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('office_start', 'integer', (c) => c.notNull().defaultTo(540))
    .addColumn('office_end', 'integer', (c) => c.notNull().defaultTo(1080))
    .addColumn('warn_share', 'real', (c) => c.notNull().defaultTo(0.8))
    .addColumn('routing_strategy', 'text', (c) => c.notNull().defaultTo('least_open'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appeal_deadlines')
    .addColumn('appeal_id', 'integer', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('policy_id', 'integer', (c) => c.references('deadline_policies.id'))
    .addColumn('basis', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('paused_since', 'text')
    /** JSON array of closed pauses [{from, to}]. */
    .addColumn('pauses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('paused_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_reason', 'text')
    .addColumn('extended_at', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('forwarded_at', 'text')
    .addColumn('disposition', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('breached_at', 'text')
    .addColumn('over_ms', 'integer')
    /** When the time over became final: the appeal was answered or closed. */
    .addColumn('breach_settled_at', 'text')
    /** JSON: the automatic decisions on arrival with their reasons (topic, mood, priority, policy, route). */
    .addColumn('decisions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('appeal_deadlines_open_idx')
    .on('appeal_deadlines')
    .columns(['breached_at', 'warned_at'])
    .execute();

  await withId(db, db.schema.createTable('classify_rules'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('priority', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('classifier_models'))
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('accuracy', 'real')
    /** JSON of the naive Bayes counts. */
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('classify_signals'))
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id'))
    .addColumn('suggested_process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('process_id', 'integer', (c) => c.notNull().references('processes.id'))
    /** confirm | correct */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('classify_signals_appeal_idx')
    .on('classify_signals')
    .columns(['appeal_id', 'at'])
    .execute();

  await withId(db, db.schema.createTable('routing_rules'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('segment', 'text')
    .addColumn('priority', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('routing_cursor')
    .addColumn('unit_id', 'integer', (c) => c.primaryKey().references('units.id'))
    .addColumn('last_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'routing_cursor',
    'routing_rules',
    'classify_signals',
    'classifier_models',
    'classify_rules',
    'appeal_deadlines',
    'deadline_settings',
    'deadline_policies',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
