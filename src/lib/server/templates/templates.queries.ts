import type { Db } from '../db';

export interface TemplateLinks {
  processIds: number[];
  touchpointIds: number[];
}

export function templateRow(db: Db, id: number) {
  return db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest saved version: the working text of a template. */
export function headVersion(db: Db, templateId: number) {
  return db
    .selectFrom('template_versions')
    .selectAll()
    .where('template_id', '=', templateId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** Newest versions of many templates at once. */
export async function headVersions(db: Db, ids: readonly number[]) {
  if (!ids.length) return new Map<number, { version: number; status: string; title: string }>();
  const rows = await db
    .selectFrom('template_versions as v')
    .select(['v.template_id', 'v.version', 'v.status', 'v.title'])
    .where('v.template_id', 'in', ids)
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('template_versions as w')
          .select(({ fn }) => fn.max('w.version').as('m'))
          .whereRef('w.template_id', '=', 'v.template_id'),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.template_id, r]));
}

export function versionsOf(db: Db, templateId: number) {
  return db
    .selectFrom('template_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select([
      'v.version',
      'v.title',
      'v.body',
      'v.status',
      'v.created_at as createdAt',
      'u.name as author',
    ])
    .where('v.template_id', '=', templateId)
    .orderBy('v.version', 'desc')
    .execute();
}

export async function linksOf(db: Db, ids: readonly number[]): Promise<Map<number, TemplateLinks>> {
  const out = new Map<number, TemplateLinks>(
    ids.map((id) => [id, { processIds: [], touchpointIds: [] }]),
  );
  if (!ids.length) return out;
  const [processes, touchpoints] = await Promise.all([
    db
      .selectFrom('template_processes')
      .select(['template_id', 'process_id'])
      .where('template_id', 'in', ids)
      .execute(),
    db
      .selectFrom('template_touchpoints')
      .select(['template_id', 'touchpoint_id'])
      .where('template_id', 'in', ids)
      .execute(),
  ]);
  for (const p of processes) out.get(p.template_id)?.processIds.push(p.process_id);
  for (const t of touchpoints) out.get(t.template_id)?.touchpointIds.push(t.touchpoint_id);
  return out;
}

export async function setLinks(db: Db, templateId: number, links: TemplateLinks): Promise<void> {
  await db.deleteFrom('template_processes').where('template_id', '=', templateId).execute();
  await db.deleteFrom('template_touchpoints').where('template_id', '=', templateId).execute();
  if (links.processIds.length) {
    await db
      .insertInto('template_processes')
      .values(links.processIds.map((process_id) => ({ template_id: templateId, process_id })))
      .execute();
  }
  if (links.touchpointIds.length) {
    await db
      .insertInto('template_touchpoints')
      .values(
        links.touchpointIds.map((touchpoint_id) => ({ template_id: templateId, touchpoint_id })),
      )
      .execute();
  }
}

export async function insertVersion(
  db: Db,
  v: {
    templateId: number;
    version: number;
    title: string;
    body: string;
    status: string;
    by: number | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('template_versions')
    .values({
      template_id: v.templateId,
      version: v.version,
      title: v.title,
      body: v.body,
      status: v.status,
      created_by: v.by,
      created_at: v.at,
    })
    .execute();
}

export async function setVersionStatus(
  db: Db,
  templateId: number,
  version: number,
  status: string,
): Promise<void> {
  await db
    .updateTable('template_versions')
    .set({ status })
    .where('template_id', '=', templateId)
    .where('version', '=', version)
    .execute();
}

/** Every template with its owner, for the editor's list and dashboard. */
export function allTemplates(db: Db) {
  return db
    .selectFrom('templates as t')
    .leftJoin('users as u', 'u.id', 't.owner_id')
    .select([
      't.id',
      't.kind',
      't.title',
      't.body',
      't.status',
      't.version',
      't.channels',
      't.tags',
      't.owner_id as ownerId',
      'u.name as owner',
      't.review_by as reviewBy',
      't.updated_at as updatedAt',
      't.published_at as publishedAt',
    ])
    .orderBy('t.title')
    .execute();
}

/** Published templates of these kinds, for operators. */
export function publishedOfKind(db: Db, kinds: readonly string[]) {
  return db
    .selectFrom('templates')
    .select(['id', 'kind', 'title', 'body', 'channels', 'tags', 'review_by as reviewBy'])
    .where('status', '=', 'published')
    .where('kind', 'in', kinds)
    .execute();
}

export function catalog(db: Db) {
  return Promise.all([
    db
      .selectFrom('processes as p')
      .innerJoin('activity_areas as a', 'a.id', 'p.area_id')
      .select(['p.id', 'p.name', 'a.name as area'])
      .orderBy('a.position')
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('touchpoints')
      .select(['id', 'name', 'channel'])
      .orderBy('channel')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('r.role', '=', 'editor')
      .where('u.active', '=', 1)
      .orderBy('u.name')
      .execute(),
  ]).then(([processes, touchpoints, editors]) => ({ processes, touchpoints, editors }));
}
