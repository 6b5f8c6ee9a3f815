import type { Db } from '../db';

export async function appealByToken(db: Db, token: string) {
  return db
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'subject',
      'status',
      'client_id as clientId',
      'touchpoint_id as touchpointId',
      'channel',
      'created_at as createdAt',
      'answer_due_at as answerDueAt',
      'answered_at as answeredAt',
      'language',
    ])
    .where('tracking_token', '=', token)
    .executeTakeFirst();
}

/** The client's other appeals: the «token family» is every appeal of the same client. */
export async function familyOf(db: Db, clientId: number, exceptId: number) {
  return db
    .selectFrom('appeals')
    .select(['number', 'subject', 'status', 'created_at as createdAt', 'tracking_token as token'])
    .where('client_id', '=', clientId)
    .where('id', '!=', exceptId)
    .where('tracking_token', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** Replies that were sent, and what the client sent: never notes, never system items. */
export async function publicItems(db: Db, appealId: number) {
  const rows = await db
    .selectFrom('interactions as i')
    .leftJoin('outbox as o', 'o.interaction_id', 'i.id')
    .select(['i.id', 'i.direction', 'i.kind', 'i.at', 'i.subject', 'i.text', 'o.status'])
    .where('i.appeal_id', '=', appealId)
    .where((eb) =>
      eb.or([
        eb('i.direction', '=', 'in'),
        eb.and([eb('i.direction', '=', 'out'), eb('o.status', 'in', ['sent', 'accepted'])]),
      ]),
    )
    .orderBy('i.at')
    .orderBy('i.id')
    .execute();
  const files = rows.length
    ? await db
        .selectFrom('attachments')
        .select(['interaction_id', 'name', 'size'])
        .where(
          'interaction_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction as 'in' | 'out',
    kind: r.kind,
    at: r.at,
    subject: r.subject,
    text: r.text,
    attachments: files
      .filter((f) => f.interaction_id === r.id)
      .map((f) => ({ name: f.name, size: f.size })),
  }));
}

export async function firstContact(db: Db, clientId: number) {
  const rows = await db
    .selectFrom('client_contacts')
    .select(['kind', 'value'])
    .where('client_id', '=', clientId)
    .where('kind', 'in', ['email', 'phone'])
    .orderBy('id')
    .execute();
  return {
    email: rows.find((r) => r.kind === 'email')?.value ?? null,
    phone: rows.find((r) => r.kind === 'phone')?.value ?? null,
  };
}
