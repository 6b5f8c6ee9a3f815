import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // Every save of the agency's style dictionary is a new numbered revision; the latest is in force.
  await db.schema
    .createTable('style_lexicon_revisions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().unique())
    /** JSON AgencyLexicon: accepted words, banned words, preferred terms. */
    .addColumn('lexicon', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('style_lexicon_revisions').execute();
}
