import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // One row per open console tab on any node, so every node tells the same presence (issue 11).
  await db.schema
    .createTable('presence')
    .addColumn('socket_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('appeal_id', 'integer')
    .addColumn('typing_at', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('gone_at', 'text')
    .execute();
  await db.schema.createIndex('presence_user_idx').on('presence').column('user_id').execute();
  await db.schema.createIndex('presence_appeal_idx').on('presence').column('appeal_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('presence').execute();
}
