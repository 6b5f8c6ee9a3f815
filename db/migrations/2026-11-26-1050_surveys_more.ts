import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // The link the composer shows for an appeal's next reply; the reply that carries it moves it
  // into survey_links. Kept apart so survey_links holds only links a client actually received.
  await db.schema
    .createTable('survey_pending_links')
    .addColumn('appeal_id', 'integer', (c) => c.primaryKey().references('appeals.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_links_interaction_idx')
    .on('survey_links')
    .column('interaction_id')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('survey_links_interaction_idx').execute();
  await db.schema.dropTable('survey_pending_links').execute();
}
