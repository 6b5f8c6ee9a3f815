import type { Db } from '../db';

export interface ExportedAppeal {
  number: string;
  status: string;
  priority: string;
  channel: string;
  touchpoint: string;
  process: string | null;
  unit: string | null;
  assignee: string | null;
  subject: string;
  client: { name: string; email: string | null; phone: string | null; segment: string };
  createdAt: string;
  firstResponseAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  interactions: {
    direction: string;
    kind: string;
    at: string;
    author: string | null;
    text: string | null;
    attachments: { name: string; size: number }[];
  }[];
}

const BATCH = 500;

/** Every appeal created since `since`, oldest first, read in batches so memory stays flat. */
export async function* exportAppeals(db: Db, since: string | null): AsyncGenerator<ExportedAppeal> {
  let afterId = 0;
  for (;;) {
    let q = db
      .selectFrom('appeals as a')
      .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
      .innerJoin('clients as c', 'c.id', 'a.client_id')
      .leftJoin('processes as p', 'p.id', 'a.process_id')
      .leftJoin('units as un', 'un.id', 'a.unit_id')
      .leftJoin('users as u', 'u.id', 'a.assignee_id')
      .select([
        'a.id',
        'a.number',
        'a.status',
        'a.priority',
        'a.channel',
        't.name as touchpoint',
        'p.name as process',
        'un.name as unit',
        'u.name as assignee',
        'a.subject',
        'a.client_id as clientId',
        'c.surname',
        'c.first_name',
        'c.patronymic',
        'c.organization',
        'c.segment',
        'a.created_at as createdAt',
        'a.first_response_at as firstResponseAt',
        'a.answered_at as answeredAt',
        'a.closed_at as closedAt',
      ])
      .where('a.id', '>', afterId)
      .orderBy('a.id')
      .limit(BATCH);
    if (since) q = q.where('a.created_at', '>=', since);
    const appeals = await q.execute();
    if (!appeals.length) return;
    const ids = appeals.map((a) => a.id);
    const [items, files, contacts] = await Promise.all([
      db
        .selectFrom('interactions as i')
        .leftJoin('users as u', 'u.id', 'i.author_id')
        .select([
          'i.id',
          'i.appeal_id',
          'i.direction',
          'i.kind',
          'i.at',
          'u.name as author',
          'i.text',
        ])
        .where('i.appeal_id', 'in', ids)
        .orderBy('i.at')
        .orderBy('i.id')
        .execute(),
      db
        .selectFrom('attachments as f')
        .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
        .select(['f.interaction_id', 'f.name', 'f.size'])
        .where('i.appeal_id', 'in', ids)
        .execute(),
      db
        .selectFrom('client_contacts')
        .select(['client_id', 'kind', 'value'])
        .where('client_id', 'in', [...new Set(appeals.map((a) => a.clientId))])
        .orderBy('id')
        .execute(),
    ]);
    for (const a of appeals) {
      const contact = (kind: string) =>
        contacts.find((c) => c.client_id === a.clientId && c.kind === kind)?.value ?? null;
      yield {
        number: a.number,
        status: a.status,
        priority: a.priority,
        channel: a.channel,
        touchpoint: a.touchpoint,
        process: a.process,
        unit: a.unit,
        assignee: a.assignee,
        subject: a.subject,
        client: {
          name:
            [a.surname, a.first_name, a.patronymic].filter(Boolean).join(' ') ||
            a.organization ||
            '',
          email: contact('email'),
          phone: contact('phone'),
          segment: a.segment,
        },
        createdAt: a.createdAt,
        firstResponseAt: a.firstResponseAt,
        answeredAt: a.answeredAt,
        closedAt: a.closedAt,
        interactions: items
          .filter((i) => i.appeal_id === a.id)
          .map((i) => ({
            direction: i.direction,
            kind: i.kind,
            at: i.at,
            author: i.author,
            text: i.text,
            attachments: files
              .filter((f) => f.interaction_id === i.id)
              .map((f) => ({ name: f.name, size: f.size })),
          })),
      };
    }
    afterId = ids.at(-1)!;
  }
}
