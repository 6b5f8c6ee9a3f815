import type { RegistryEntry } from '../../domain/registry/vocabulary';
import type { Db } from '../db';

export interface VersionChange {
  kind: 'add' | 'change' | 'exclude' | 'import';
  process: string;
  touchpoint: string;
  reason: string | null;
  proposalId: number | null;
}

export interface VersionSummary {
  changes: VersionChange[];
  counts: { added: number; removed: number; changed: number; total: number };
}

export interface VersionRow {
  id: number;
  number: number;
  approvedAt: string;
  approvedBy: string | null;
  publishDue: string;
  publishedAt: string | null;
  publishedBy: string | null;
  summary: VersionSummary;
}

const versionColumns = [
  'v.id',
  'v.number',
  'v.approved_at as approvedAt',
  'a.name as approvedBy',
  'v.publish_due as publishDue',
  'v.published_at as publishedAt',
  'p.name as publishedBy',
  'v.summary',
] as const;

function baseQuery(db: Db) {
  return db
    .selectFrom('registry_versions as v')
    .leftJoin('users as a', 'a.id', 'v.approved_by')
    .leftJoin('users as p', 'p.id', 'v.published_by')
    .select(versionColumns);
}

type Raw = Omit<VersionRow, 'summary'> & { summary: string };
const parse = (r: Raw): VersionRow => ({ ...r, summary: JSON.parse(r.summary) as VersionSummary });

export async function listVersions(db: Db): Promise<VersionRow[]> {
  return (await baseQuery(db).orderBy('v.number', 'desc').execute()).map(parse);
}

export async function findVersion(db: Db, number: number): Promise<VersionRow | undefined> {
  const row = await baseQuery(db).where('v.number', '=', number).executeTakeFirst();
  return row && parse(row);
}

export async function latestVersion(
  db: Db,
  opts: { published?: boolean } = {},
): Promise<VersionRow | undefined> {
  let q = baseQuery(db).orderBy('v.number', 'desc');
  if (opts.published) q = q.where('v.published_at', 'is not', null);
  const row = await q.executeTakeFirst();
  return row && parse(row);
}

export async function versionSnapshot(db: Db, number: number): Promise<RegistryEntry[] | null> {
  const row = await db
    .selectFrom('registry_versions')
    .select('snapshot')
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? (JSON.parse(row.snapshot) as RegistryEntry[]) : null;
}

export async function insertVersion(
  db: Db,
  v: {
    approvedAt: string;
    approvedBy: number | null;
    publishDue: string;
    summary: VersionSummary;
    snapshot: RegistryEntry[];
  },
): Promise<{ id: number; number: number }> {
  const last = await db
    .selectFrom('registry_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const { id } = await db
    .insertInto('registry_versions')
    .values({
      number,
      approved_at: v.approvedAt,
      approved_by: v.approvedBy,
      publish_due: v.publishDue,
      summary: JSON.stringify(v.summary),
      snapshot: JSON.stringify(v.snapshot),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, number };
}

export async function markPublished(
  db: Db,
  number: number,
  by: number | null,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('registry_versions')
    .set({ published_at: at, published_by: by })
    .where('number', '=', number)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
