import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // A PBX line (a phone touchpoint) that may post events; only the SHA-256 of its token is kept.
  await withId(db, db.schema.createTable('telephony_lines'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** The number or trunk name the PBX reports as `line`. */
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('touchpoint_id', 'integer', (c) => c.notNull().references('touchpoints.id'))
    /** Who gets the pop-up when the PBX names no agent; null = every operator. */
    .addColumn('default_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    /** Last characters of the token, so an admin can tell tokens apart. */
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('token_rotated_at', 'text')
    .addColumn('last_event_at', 'text')
    .execute();

  // PBX extension → console user, so `agent` in an event reaches the right person.
  await db.schema
    .createTable('telephony_agents')
    .addColumn('extension', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('calls'))
    /** The PBX's own call id; null for a call the operator logs without telephony. */
    .addColumn('pbx_call_id', 'text', (c) => c.unique())
    .addColumn('line_id', 'integer', (c) => c.references('telephony_lines.id'))
    .addColumn('touchpoint_id', 'integer', (c) => c.references('touchpoints.id'))
    .addColumn('caller_number', 'text')
    /** +7XXXXXXXXXX when the number is Russian, for client matching. */
    .addColumn('caller_phone', 'text')
    .addColumn('client_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('appeal_id', 'integer', (c) => c.references('appeals.id'))
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    /** ringing | answered | ended */
    .addColumn('phase', 'text', (c) => c.notNull())
    /** The PBX agent the call was last routed to and the time of that event (out-of-order safe). */
    .addColumn('routed_to', 'text')
    .addColumn('routed_at', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_sec', 'integer')
    .addColumn('process_id', 'integer', (c) => c.references('processes.id'))
    .addColumn('topic', 'text')
    .addColumn('notes', 'text')
    /** resolved | follow_up | callback */
    .addColumn('outcome', 'text')
    .addColumn('callback_at', 'text')
    .addColumn('callback_owner_id', 'integer', (c) => c.references('users.id'))
    .addColumn('callback_done_at', 'text')
    .addColumn('callback_done_call_id', 'integer')
    // Conduct on the phone, seed 000 §3.5: stored ticked or not, so the misses count in metrics.
    .addColumn('chk_greeted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chk_asked_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chk_used_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chk_clarified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chk_solution', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: what the operator typed before handing the call over, for the next one's screen. */
    .addColumn('draft', 'text')
    .addColumn('logged_at', 'text')
    .addColumn('logged_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const [name, columns] of [
    ['calls_operator_idx', ['operator_id', 'started_at']],
    ['calls_started_idx', ['started_at']],
    ['calls_client_idx', ['client_id', 'started_at']],
    ['calls_appeal_idx', ['appeal_id']],
    ['calls_callback_idx', ['callback_owner_id', 'callback_done_at', 'callback_at']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('calls')
      .columns([...columns])
      .execute();
  }

  // Seed 001 §3.2.5: at most two transfers; the third and later are kept with breach = 1.
  await withId(db, db.schema.createTable('call_transfers'))
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('to_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('to_unit_id', 'integer', (c) => c.references('units.id'))
    /** The target as the PBX named it, when it is no known user. */
    .addColumn('to_text', 'text')
    .addColumn('reason', 'text')
    .addColumn('breach', 'integer', (c) => c.notNull().defaultTo(0))
    /** operator | pbx */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('call_transfers_call_idx')
    .on('call_transfers')
    .columns(['call_id', 'at'])
    .execute();

  // Every PBX event once: a repeat with the same call id, event and time is recognised.
  await withId(db, db.schema.createTable('telephony_events'))
    .addColumn('line_id', 'integer', (c) => c.notNull().references('telephony_lines.id'))
    .addColumn('pbx_call_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('call_id', 'integer', (c) => c.references('calls.id'))
    .addUniqueConstraint('telephony_events_key_uq', ['pbx_call_id', 'event', 'at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'telephony_events',
    'call_transfers',
    'calls',
    'telephony_agents',
    'telephony_lines',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
