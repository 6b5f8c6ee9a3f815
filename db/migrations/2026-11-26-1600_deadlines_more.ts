import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Issue 10, second part: the kind of a social message (official appeal, comment, mention) and oral
 * requests select the policy; 8-FZ deferral notice window; the forwarding deadline (59-FZ art. 8
 * p. 3) watched like the answer; notice templates; the classifier's held-out accuracy.
 */
export async function up(db: AnyDb): Promise<void> {
  /** appeal | comment | mention | oral; empty matches any kind. */
  await db.schema.alterTable('deadline_policies').addColumn('message_kind', 'text').execute();
  /** 8-FZ art. 18 p. 6: a deferral is announced within this many days of registration. */
  await db.schema.alterTable('deadline_policies').addColumn('notice_days', 'integer').execute();

  for (const column of [
    'message_kind',
    'forward_due_at',
    /** Forwarded, answered, closed or the topic confirmed by an operator: the watch ends. */
    'forward_done_at',
    'forward_warned_at',
    'forward_breached_at',
  ]) {
    await db.schema.alterTable('appeal_deadlines').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('appeal_deadlines').addColumn('forward_over_ms', 'integer').execute();

  /** Share of confirmed appeals held out of training to measure the classifier. */
  await db.schema
    .alterTable('deadline_settings')
    .addColumn('holdout_share', 'real', (c) => c.notNull().defaultTo(0.2))
    .execute();
  await db.schema.alterTable('classifier_models').addColumn('holdout_count', 'integer').execute();
  await db.schema.alterTable('classifier_models').addColumn('holdout_accuracy', 'real').execute();

  /** Which template (kind «notice») words each notice; a notice without one uses the built-in text. */
  await db.schema
    .createTable('notice_templates')
    .addColumn('notice', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'integer', (c) => c.references('templates.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('notice_templates').execute();
  for (const [table, column] of [
    ['classifier_models', 'holdout_accuracy'],
    ['classifier_models', 'holdout_count'],
    ['deadline_settings', 'holdout_share'],
    ['appeal_deadlines', 'forward_over_ms'],
    ['appeal_deadlines', 'forward_breached_at'],
    ['appeal_deadlines', 'forward_warned_at'],
    ['appeal_deadlines', 'forward_done_at'],
    ['appeal_deadlines', 'forward_due_at'],
    ['appeal_deadlines', 'message_kind'],
    ['deadline_policies', 'notice_days'],
    ['deadline_policies', 'message_kind'],
  ] as const) {
    await db.schema.alterTable(table).dropColumn(column).execute();
  }
}
