import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isPg = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return isPg(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('clients'))
    .addColumn('surname', 'text')
    .addColumn('first_name', 'text')
    .addColumn('patronymic', 'text')
    /** Organisation name for legal entities and bodies; people have none. */
    .addColumn('organization', 'text')
    .addColumn('segment', 'text', (c) => c.notNull().defaultTo('citizen'))
    /** JSON array: health, digital, language (seed 000 §4.13 p.4). */
    .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('accessibility_note', 'text')
    .addColumn('preferred_channel', 'text')
    /** Set when merged into another client; the row stays so an admin can undo the merge. */
    .addColumn('merged_into', 'integer', (c) => c.references('clients.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('client_contacts'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Normalised: e-mail lower-cased, phone as +7XXXXXXXXXX. */
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('client_contacts_kind_value_uq', ['kind', 'value'])
    .execute();
  await db.schema
    .createIndex('client_contacts_client_idx')
    .on('client_contacts')
    .column('client_id')
    .execute();

  await withId(db, db.schema.createTable('client_merges'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('clients.id'))
    /** JSON: contact ids and appeal ids moved, so the merge can be undone exactly. */
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('undone_by', 'integer', (c) => c.references('users.id'))
    .addColumn('undone_at', 'text')
    .execute();

  await db.schema
    .createTable('appeal_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('appeals'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('ack_due_at', 'text')
    .addColumn('first_response_due_at', 'text')
    .addColumn('answer_due_at', 'text')
    .execute();
  for (const [name, columns] of [
    ['appeals_activity_idx', ['last_activity_at', 'id']],
    ['appeals_status_activity_idx', ['status', 'last_activity_at', 'id']],
    ['appeals_assignee_idx', ['assignee_id', 'status', 'last_activity_at']],
    ['appeals_unit_idx', ['unit_id', 'status', 'last_activity_at']],
    ['appeals_touchpoint_idx', ['touchpoint_id', 'status', 'last_activity_at']],
    ['appeals_client_idx', ['client_id', 'created_at']],
    ['appeals_answer_due_idx', ['answer_due_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('appeals')
      .columns([...columns])
      .execute();
  }

  await withId(db, db.schema.createTable('interactions'))
    .addColumn('appeal_id', 'integer', (c) => c.notNull().references('appeals.id'))
    /** in | out | note | system */
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('text', 'text')
    /** JSON with what a kind needs (from/to, assignee, status change, call length …). */
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    /** Channel's own id (e-mail Message-ID, form submission id): one stored copy per source message. */
    .addColumn('external_id', 'text', (c) => c.unique())
    .execute();
  await db.schema
    .createIndex('interactions_appeal_idx')
    .on('interactions')
    .columns(['appeal_id', 'at', 'id'])
    .execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('interaction_id', 'integer', (c) => c.notNull().references('interactions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    /** SHA-256 of the bytes, stored on disk under the data folder; null when not kept (too large). */
    .addColumn('sha256', 'text')
    /** Why the file is not kept, shown to the operator (e.g. over the size limit). */
    .addColumn('notice', 'text')
    .execute();
  await db.schema
    .createIndex('attachments_interaction_idx')
    .on('attachments')
    .column('interaction_id')
    .execute();

  // Replies wait here until a channel adapter delivers them; rows survive restarts.
  await withId(db, db.schema.createTable('outbox'))
    .addColumn('interaction_id', 'integer', (c) =>
      c.notNull().unique().references('interactions.id'),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('outbox_status_idx')
    .on('outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  if (!isPg(db)) {
    // Stemmed words of the subject, texts and client name, kept by the search module.
    await sql`create virtual table appeal_search using fts5(body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  } else {
    await db.schema
      .createTable('appeal_search')
      .addColumn('appeal_id', 'integer', (c) => c.primaryKey().references('appeals.id'))
      .addColumn('body', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index appeal_search_body_idx on appeal_search using gin (body)`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'appeal_search',
    'outbox',
    'attachments',
    'interactions',
    'appeals',
    'appeal_counters',
    'client_merges',
    'client_contacts',
    'clients',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
