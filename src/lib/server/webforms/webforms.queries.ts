import type { Selectable } from 'kysely';
import { normalizeFields, type FieldSetting } from '../../domain/webforms/fields';
import type { Db } from '../db';
import type { WebformsTable } from '../db/schema';

export interface WebformConfig {
  id: number;
  touchpointId: number;
  touchpoint: string;
  slug: string;
  active: boolean;
  fields: FieldSetting[];
  intro: string;
  thanks: string;
  processIds: number[];
  embedOrigins: string[];
  policyUrl: string;
  updatedAt: string;
}

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toConfig(row: Selectable<WebformsTable> & { touchpoint: string }): WebformConfig {
  return {
    id: row.id,
    touchpointId: row.touchpoint_id,
    touchpoint: row.touchpoint,
    slug: row.slug,
    active: row.active === 1,
    fields: normalizeFields(json(row.fields, [])),
    intro: row.intro,
    thanks: row.thanks,
    processIds: json<unknown[]>(row.process_ids, []).filter(
      (n): n is number => typeof n === 'number',
    ),
    embedOrigins: json<unknown[]>(row.embed_origins, []).filter(
      (o): o is string => typeof o === 'string',
    ),
    policyUrl: row.policy_url,
    updatedAt: row.updated_at,
  };
}

function base(db: Db) {
  return db
    .selectFrom('webforms as w')
    .innerJoin('touchpoints as t', 't.id', 'w.touchpoint_id')
    .selectAll('w')
    .select('t.name as touchpoint');
}

export async function webformBySlug(db: Db, slug: string): Promise<WebformConfig | undefined> {
  const row = await base(db).where('w.slug', '=', slug).executeTakeFirst();
  return row && toConfig(row);
}

export async function webformByTouchpoint(db: Db, touchpointId: number) {
  const row = await base(db).where('w.touchpoint_id', '=', touchpointId).executeTakeFirst();
  return row && toConfig(row);
}

export async function listWebforms(db: Db): Promise<WebformConfig[]> {
  return (await base(db).orderBy('w.id').execute()).map(toConfig);
}

export async function webformTouchpoints(db: Db) {
  return db
    .selectFrom('touchpoints')
    .select(['id', 'name', 'address'])
    .where('channel', '=', 'webform')
    .orderBy('name')
    .execute();
}

/** Processes linked to the touchpoint in the registry: the ones a client may choose from. */
export async function processesOfTouchpoint(db: Db, touchpointId: number) {
  return db
    .selectFrom('registry_rows as r')
    .innerJoin('processes as p', 'p.id', 'r.process_id')
    .select(['p.id', 'p.name'])
    .where('r.touchpoint_id', '=', touchpointId)
    .distinct()
    .orderBy('p.name')
    .execute();
}

export interface WebformRow {
  touchpointId: number;
  slug: string;
  active: boolean;
  fields: FieldSetting[];
  intro: string;
  thanks: string;
  processIds: number[];
  embedOrigins: string[];
  policyUrl: string;
}

export async function upsertWebform(db: Db, w: WebformRow, userId: number | null, now: string) {
  const values = {
    slug: w.slug,
    active: w.active ? 1 : 0,
    fields: JSON.stringify(w.fields),
    intro: w.intro,
    thanks: w.thanks,
    process_ids: JSON.stringify(w.processIds),
    embed_origins: JSON.stringify(w.embedOrigins),
    policy_url: w.policyUrl,
    updated_by: userId,
    updated_at: now,
  };
  const existing = await db
    .selectFrom('webforms')
    .select('id')
    .where('touchpoint_id', '=', w.touchpointId)
    .executeTakeFirst();
  if (existing) {
    await db.updateTable('webforms').set(values).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const { id } = await db
    .insertInto('webforms')
    .values({ ...values, touchpoint_id: w.touchpointId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function submissionsSince(db: Db, address: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('webform_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('address', '=', address)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function logSubmission(db: Db, address: string, at: string, prune: string) {
  await db
    .deleteFrom('webform_submissions')
    .where('address', '=', address)
    .where('at', '<=', prune)
    .execute();
  await db.insertInto('webform_submissions').values({ address, at }).execute();
}
