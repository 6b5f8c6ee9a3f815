import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Open appeals are a few percent of the table, yet every inbox queue but «all» and «closed» reads
 * only them. Partial indexes over open appeals keep those pages and counts small at a million
 * appeals. The queries must spell the condition exactly like this (literal statuses, same order)
 * for SQLite to use them.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`create index appeals_open_activity_idx
    on appeals (last_activity_at, id, assignee_id, unit_id, answer_due_at)
    where status in ('new', 'open', 'waiting')`.execute(db);
  await sql`create index appeals_unassigned_activity_idx
    on appeals (last_activity_at, id)
    where assignee_id is null and status in ('new', 'open', 'waiting')`.execute(db);
  await sql`create index appeals_open_due_idx
    on appeals (answer_due_at)
    where status in ('new', 'open', 'waiting')`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('appeals_open_due_idx').ifExists().execute();
  await db.schema.dropIndex('appeals_unassigned_activity_idx').ifExists().execute();
  await db.schema.dropIndex('appeals_open_activity_idx').ifExists().execute();
}
