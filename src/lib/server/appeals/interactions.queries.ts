import type { Db } from '../db';

export interface NewInteraction {
  appealId: number;
  direction: 'in' | 'out' | 'note' | 'system';
  kind: string;
  authorId: number | null;
  touchpointId?: number | null;
  at: string;
  subject?: string | null;
  text?: string | null;
  meta?: Record<string, unknown>;
  externalId?: string | null;
}

export interface NewAttachment {
  name: string;
  contentType: string;
  size: number;
  /** From `putAttachment`; null when the file was not kept, with the reason in `notice`. */
  sha256: string | null;
  notice?: string | null;
}

export async function insertInteraction(
  db: Db,
  i: NewInteraction,
  attachments: NewAttachment[] = [],
): Promise<number> {
  const { id } = await db
    .insertInto('interactions')
    .values({
      appeal_id: i.appealId,
      direction: i.direction,
      kind: i.kind,
      author_id: i.authorId,
      touchpoint_id: i.touchpointId ?? null,
      at: i.at,
      subject: i.subject ?? null,
      text: i.text ?? null,
      meta: JSON.stringify(i.meta ?? {}),
      external_id: i.externalId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const a of attachments) {
    await db
      .insertInto('attachments')
      .values({
        interaction_id: id,
        name: a.name,
        content_type: a.contentType,
        size: a.size,
        sha256: a.sha256,
        notice: a.notice ?? null,
      })
      .execute();
  }
  return id;
}

export async function findByExternalId(db: Db, externalId: string) {
  return db
    .selectFrom('interactions')
    .select(['id', 'appeal_id as appealId'])
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export interface TimelineItem {
  id: number;
  direction: string;
  kind: string;
  author: string | null;
  at: string;
  subject: string | null;
  text: string | null;
  meta: Record<string, unknown>;
  attachments: {
    id: number;
    name: string;
    size: number;
    contentType: string;
    notice: string | null;
  }[];
  outbox: {
    status: string;
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  } | null;
}

export async function timeline(db: Db, appealId: number): Promise<TimelineItem[]> {
  const rows = await db
    .selectFrom('interactions as i')
    .leftJoin('users as u', 'u.id', 'i.author_id')
    .leftJoin('outbox as o', 'o.interaction_id', 'i.id')
    .select([
      'i.id',
      'i.direction',
      'i.kind',
      'u.name as author',
      'i.at',
      'i.subject',
      'i.text',
      'i.meta',
      'o.status as outboxStatus',
      'o.attempts as outboxAttempts',
      'o.last_error as outboxError',
      'o.sent_at as outboxSentAt',
    ])
    .where('i.appeal_id', '=', appealId)
    .orderBy('i.at')
    .orderBy('i.id')
    .execute();
  const files = rows.length
    ? await db
        .selectFrom('attachments')
        .select(['id', 'interaction_id', 'name', 'size', 'content_type', 'notice'])
        .where(
          'interaction_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    author: r.author,
    at: r.at,
    subject: r.subject,
    text: r.text,
    meta: JSON.parse(r.meta) as Record<string, unknown>,
    attachments: files
      .filter((f) => f.interaction_id === r.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        size: f.size,
        contentType: f.content_type,
        notice: f.notice,
      })),
    outbox: r.outboxStatus
      ? {
          status: r.outboxStatus,
          attempts: r.outboxAttempts ?? 0,
          lastError: r.outboxError,
          sentAt: r.outboxSentAt,
        }
      : null,
  }));
}
