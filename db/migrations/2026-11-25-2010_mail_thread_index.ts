import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Replies and bounces are matched to our sent messages by Message-ID (In-Reply-To, References,
 * the DSN's returned headers): without an index every such message scanned the whole outbox.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('outbox_message_id_idx').on('outbox').column('message_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('outbox_message_id_idx').execute();
}
