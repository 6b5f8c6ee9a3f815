import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

// Frozen copy of the measure columns at the time of this migration (src/lib/domain/metrics/measures.ts).
const COUNTERS = [
  'appeals',
  'repeats',
  'ack_n',
  'ack_ms',
  'first_n',
  'first_ms',
  'answer_n',
  'answer_ms',
  'due_met',
  'due_breached',
  'calls',
  'call_transfers',
  'call_breaches',
  'calls_logged',
  'calls_resolved',
  'calls_conduct_ok',
  'links',
  'sat_n',
  'sat_sum',
  'sat_good',
  'sat_resolved_n',
  'sat_resolved_yes',
  'replies',
  'replies_styled',
  'replies_first_pass',
  'replies_overridden',
  'override_items',
  'replies_template',
];
const BUCKETS = 16;
const HISTOGRAMS = ['ack', 'first', 'answer'].flatMap((d) =>
  Array.from({ length: BUCKETS }, (_, i) => `${d}_h${i}`),
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = CreateTableBuilder<any, any>;

function withMeasures(db: AnyDb, table: AnyTable): AnyTable {
  let t = table;
  for (const c of [...COUNTERS, ...HISTOGRAMS]) {
    // Sums of milliseconds over a day pass 2^31 on PostgreSQL's integer.
    const type = c.endsWith('_ms') && isPg(db) ? 'bigint' : 'integer';
    t = t.addColumn(c, type, (col) => col.notNull().defaultTo(0));
  }
  return t;
}

export async function up(db: AnyDb): Promise<void> {
  // Issue 12: daily roll-ups, one row per Moscow day × touchpoint × process × unit × operator ×
  // channel (0 / '' for «none», so the key stays unique), holding only additive counts and sums.
  await withMeasures(
    db,
    db.schema
      .createTable('metrics_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('touchpoint_id', 'integer', (c) => c.notNull())
      .addColumn('process_id', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('operator_id', 'integer', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('metrics_daily_pk', [
      'day',
      'touchpoint_id',
      'process_id',
      'unit_id',
      'operator_id',
      'channel',
    ])
    .execute();

  // The same sums per day and per one dimension (dim = touchpoint | process | unit | operator |
  // channel | row (touchpoint:process) | all), so an unfiltered page reads a few rows per day.
  await withMeasures(
    db,
    db.schema
      .createTable('metrics_daily_dim')
      .addColumn('dim', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('dim_key', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('metrics_daily_dim_pk', ['dim', 'day', 'dim_key'])
    .execute();

  /** Key-value state of the roll-up: the watermark of the last run. */
  await db.schema
    .createTable('metrics_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  /** One row: the thresholds of the registry's flags, set by the admin. */
  await db.schema
    .createTable('metrics_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('max_breach_share', 'real', (c) => c.notNull().defaultTo(0.1))
    .addColumn('min_satisfaction', 'real', (c) => c.notNull().defaultTo(4))
    .addColumn('min_responses', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('window_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Finding one day's events and what changed since the last run without scanning whole tables.
  for (const [name, table, columns] of [
    ['metrics_appeals_created_idx', 'appeals', ['created_at']],
    ['metrics_appeals_first_idx', 'appeals', ['first_response_at']],
    ['metrics_appeals_answered_idx', 'appeals', ['answered_at']],
    ['metrics_appeals_closed_idx', 'appeals', ['closed_at']],
    ['metrics_appeals_updated_idx', 'appeals', ['updated_at']],
    ['metrics_calls_updated_idx', 'calls', ['updated_at']],
    ['metrics_survey_responses_created_idx', 'survey_responses', ['created_at']],
    ['metrics_survey_responses_updated_idx', 'survey_responses', ['updated_at']],
    ['metrics_survey_links_created_idx', 'survey_links', ['created_at']],
    ['metrics_template_usage_appeal_idx', 'template_usage', ['appeal_id', 'used_at']],
    ['metrics_template_usage_used_idx', 'template_usage', ['used_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute();
  }
  // Replies and acknowledgements by time: a small partial index beside five million interactions.
  await db.schema
    .createIndex('metrics_interactions_out_idx')
    .ifNotExists()
    .on('interactions')
    .columns(['at'])
    .where(sql.ref('kind'), 'in', ['reply', 'ack'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('metrics_interactions_out_idx').ifExists().execute();
  for (const name of [
    'metrics_appeals_created_idx',
    'metrics_appeals_first_idx',
    'metrics_appeals_answered_idx',
    'metrics_appeals_closed_idx',
    'metrics_appeals_updated_idx',
    'metrics_calls_updated_idx',
    'metrics_survey_responses_created_idx',
    'metrics_survey_responses_updated_idx',
    'metrics_survey_links_created_idx',
    'metrics_template_usage_appeal_idx',
    'metrics_template_usage_used_idx',
  ]) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  for (const t of ['metrics_settings', 'metrics_state', 'metrics_daily_dim', 'metrics_daily']) {
    await db.schema.dropTable(t).execute();
  }
}
