import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  await withId(db, db.schema.createTable('mailboxes'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    .addColumn('imap_host', 'text', (c) => c.notNull())
    .addColumn('imap_port', 'integer', (c) => c.notNull())
    .addColumn('imap_tls', 'integer', (c) => c.notNull())
    .addColumn('imap_user', 'text', (c) => c.notNull())
    /** AES-256-GCM with the key from OTKLIK_SECRET_KEY or data/secret.key. */
    .addColumn('imap_password', 'text', (c) => c.notNull())
    .addColumn('imap_folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('sent_folder', 'text')
    .addColumn('smtp_host', 'text', (c) => c.notNull())
    .addColumn('smtp_port', 'integer', (c) => c.notNull())
    .addColumn('smtp_tls', 'integer', (c) => c.notNull())
    .addColumn('smtp_user', 'text')
    .addColumn('smtp_password', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    /** idle | connected | error */
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('idle'))
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_fetch_at', 'text')
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The client's tracking link (seed 001 §3.2.6: acknowledgement with a way to follow the appeal).
  await db.schema.alterTable('appeals').addColumn('tracking_token', 'text').execute();
  await db.schema
    .createIndex('appeals_tracking_token_uq')
    .on('appeals')
    .column('tracking_token')
    .unique()
    .execute();

  // Stable Message-ID recorded before an SMTP attempt, so a delivery can be reconciled.
  await db.schema.alterTable('outbox').addColumn('message_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('mailbox_id', 'integer').execute();

  // One acknowledgement per sender per window.
  await db.schema
    .createTable('ack_log')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ack_log_address_idx')
    .on('ack_log')
    .columns(['address', 'sent_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('ack_log').execute();
  await db.schema.dropIndex('appeals_tracking_token_uq').execute();
  await db.schema.alterTable('outbox').dropColumn('mailbox_id').execute();
  await db.schema.alterTable('outbox').dropColumn('message_id').execute();
  await db.schema.alterTable('appeals').dropColumn('tracking_token').execute();
  await db.schema.dropTable('mailboxes').execute();
}
