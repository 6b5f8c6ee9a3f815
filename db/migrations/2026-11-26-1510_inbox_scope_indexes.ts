import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Operators see only their units, the common pool and their own work (issue 11): the counts of
 * «Без исполнителя», «Просроченные» and «Ждут клиента» check each appeal's unit and assignee.
 * These indexes carry both, so the counts stay index-only at a million appeals.
 */
export async function up(db: AnyDb): Promise<void> {
  await sql`drop index if exists appeals_assignee_idx`.execute(db);
  await sql`create index appeals_assignee_idx
    on appeals (assignee_id, status, last_activity_at, unit_id)`.execute(db);
  await sql`drop index if exists appeals_status_activity_idx`.execute(db);
  await sql`create index appeals_status_activity_idx
    on appeals (status, last_activity_at, id, assignee_id, unit_id)`.execute(db);
  await sql`drop index if exists appeals_open_due_idx`.execute(db);
  await sql`create index appeals_open_due_idx
    on appeals (answer_due_at, assignee_id, unit_id)
    where status in ('new', 'open', 'waiting')`.execute(db);
  // Without statistics for the new indexes SQLite picked the status index for «Просроченные».
  await sql`analyze appeals`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index if exists appeals_open_due_idx`.execute(db);
  await sql`create index appeals_open_due_idx on appeals (answer_due_at)
    where status in ('new', 'open', 'waiting')`.execute(db);
  await sql`drop index if exists appeals_status_activity_idx`.execute(db);
  await sql`create index appeals_status_activity_idx
    on appeals (status, last_activity_at, id)`.execute(db);
  await sql`drop index if exists appeals_assignee_idx`.execute(db);
  await sql`create index appeals_assignee_idx
    on appeals (assignee_id, status, last_activity_at)`.execute(db);
}
