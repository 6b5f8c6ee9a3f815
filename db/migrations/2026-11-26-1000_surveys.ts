import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Seed 003 §3 and annex: questionnaires, the reply survey among them, some published on their own.
  await withId(db, db.schema.createTable('questionnaires'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON: [{ key, kind: 'rating' | 'yesno' | 'choice' | 'text', label, options?, required }] */
    .addColumn('questions', 'text', (c) => c.notNull())
    /** 'reply': asked through a reply's link; 'public': published at /q/<slug>. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Seed 000 §3.4 ж: a survey link in every reply; one link, one answer.
  await db.schema
    .createTable('survey_links')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id'))
    .addColumn('interaction_id', 'integer', (c) => c.references('interactions.id'))
    .addColumn('call_id', 'integer', (c) => c.references('calls.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_links_appeal_idx')
    .on('survey_links')
    .column('appeal_id')
    .execute();
  await db.schema
    .createIndex('survey_links_touchpoint_idx')
    .on('survey_links')
    .columns(['touchpoint_id', 'created_at'])
    .execute();

  // Seed 003 §3.3: nothing about the respondent beyond what they rate.
  await withId(db, db.schema.createTable('survey_responses'))
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('link_token', 'text', (c) => c.unique().references('survey_links.token'))
    .addColumn('appeal_id', 'integer', (c) => c.references('appeals.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('channel', 'text')
    .addColumn('rating', 'integer')
    .addColumn('resolved', 'integer')
    .addColumn('comment', 'text')
    /** JSON object: question key → answer, for every question of the questionnaire. */
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('editable_until', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_responses_touchpoint_idx')
    .on('survey_responses')
    .columns(['touchpoint_id', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('survey_responses').execute();
  await db.schema.dropTable('survey_links').execute();
  await db.schema.dropTable('questionnaires').execute();
}
