import { sql, type Expression, type SqlBool } from 'kysely';
import { appealDocument, type AppealSearchSource } from '../../domain/search/appeal-document';
import { ftsQuery } from '../../domain/search/fts-query';
import { tsQuery } from '../../domain/search/ts-query';
import type { Db } from '../db';
import { isPostgres } from './dialect';
import { deleteDocuments, writeDocuments } from './index-writer';
import { searchSources } from './sources.queries';

/** Appeals re-read per round trip when re-indexing many (a client merge, a rebuild). */
const READ_CHUNK = 500;

const inTransaction = (db: Db, work: (trx: Db) => Promise<void>): Promise<void> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

/**
 * Rebuilds the search documents of these appeals from their subject, number, client (name,
 * organisation, contacts) and every interaction's subject and text. Call it in the transaction
 * that changed any of them; appeals that no longer exist leave the index.
 */
export async function indexAppeals(db: Db, appealIds: readonly number[]): Promise<void> {
  const unique = [...new Set(appealIds)];
  if (!unique.length) return;
  await inTransaction(db, async (trx) => {
    for (let i = 0; i < unique.length; i += READ_CHUNK) {
      const ids = unique.slice(i, i + READ_CHUNK);
      const sources = await searchSources(trx, ids);
      const gone = ids.filter((id) => !sources.has(id));
      if (gone.length) await deleteDocuments(trx, gone);
      await writeDocuments(
        trx,
        [...sources].map(([appealId, src]) => ({ appealId, doc: appealDocument(src) })),
      );
    }
  });
}

export async function removeFromIndex(db: Db, appealIds: readonly number[]): Promise<void> {
  if (appealIds.length) await deleteDocuments(db, [...new Set(appealIds)]);
}

/** Bulk loading (data generator, rebuild): documents built from sources already in memory. */
export async function indexBatch(
  db: Db,
  rows: readonly { appealId: number; source: AppealSearchSource }[],
): Promise<void> {
  if (!rows.length) return;
  const docs = rows.map((r) => ({ appealId: r.appealId, doc: appealDocument(r.source) }));
  await inTransaction(db, (trx) => writeDocuments(trx, docs));
}

/** After a bulk load: merges FTS5 segments into one (SQLite) or refreshes planner statistics. */
export async function optimizeIndex(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`analyze appeal_search`.execute(db);
  else await sql`insert into appeal_search (appeal_search) values ('optimize')`.execute(db);
}

/**
 * Above this many matches SQLite reads the inbox in its own order and checks each appeal against
 * the matching set; below it, it starts from the matches and sorts them.
 */
export const DENSE_MATCHES = 5_000;

export interface MatchOptions {
  /** The appeals' id column in the outer query. */
  idColumn?: string;
  /**
   * SQLite only: the search matches many appeals, so keep SQLite from driving the query by the
   * match list (the `+` makes the id unusable as a lookup key; the list becomes a set it probes).
   */
  dense?: boolean;
}

/**
 * A condition for a query over `appeals` that keeps the appeals matching the user's search, to be
 * combined with other filters, ordering and keyset pagination. Matches nothing when the query
 * has no searchable word. Prefer {@link searchCondition}, which also picks the plan on SQLite.
 */
export function whereMatches(db: Db, query: string, opts: MatchOptions = {}): Expression<SqlBool> {
  const id = sql.ref(opts.idColumn ?? 'appeals.id');
  if (isPostgres(db)) {
    const q = tsQuery(query);
    if (!q) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`${id} in (select appeal_id from appeal_search where body @@ to_tsquery('russian', ${q}))`;
  }
  const q = ftsQuery(query);
  if (!q) return sql<SqlBool>`1 = 0`;
  const key = opts.dense ? sql`+${id}` : id;
  return sql<SqlBool>`${key} in (select rowid from appeal_search where appeal_search match ${q})`;
}

/** How many appeals match, counted up to `cap` (SQLite; cheap because FTS5 stops at the cap). */
async function countMatches(db: Db, fts: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from
    (select rowid from appeal_search where appeal_search match ${fts} limit ${cap})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * {@link whereMatches} with the plan chosen for this query: on SQLite a rare word starts from its
 * few matches, a common one («заявление») walks the inbox order instead of sorting every match.
 * PostgreSQL's planner makes that choice itself from the GIN index statistics.
 */
export async function searchCondition(
  db: Db,
  query: string,
  opts: Omit<MatchOptions, 'dense'> = {},
): Promise<Expression<SqlBool>> {
  const fts = isPostgres(db) ? null : ftsQuery(query);
  const dense = fts !== null && (await countMatches(db, fts, DENSE_MATCHES + 1)) > DENSE_MATCHES;
  return whereMatches(db, query, { ...opts, dense });
}

/** Ids of matching appeals, newest first, for callers that need no other filter. */
export async function matchAppealIds(
  db: Db,
  query: string,
  opts: { limit: number; beforeId?: number },
): Promise<number[]> {
  let q = db
    .selectFrom('appeals')
    .select('appeals.id')
    .where(await searchCondition(db, query))
    .orderBy('appeals.id', 'desc')
    .limit(opts.limit);
  if (opts.beforeId !== undefined) q = q.where('appeals.id', '<', opts.beforeId);
  return (await q.execute()).map((r) => r.id);
}
