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
 * Above this many matches the inbox is read in its own order and each appeal checked against the
 * search; below it, the query starts from the matches and sorts them.
 */
export const DENSE_MATCHES = 5_000;

export interface MatchOptions {
  /** The appeals' id column in the outer query. */
  idColumn?: string;
  /**
   * The search matches many appeals: let the database walk the inbox order and check each row
   * (SQLite: `+id in (…)` probes the match set instead of using it as a list of keys; PostgreSQL:
   * a scalar subquery per row). Otherwise the matches are computed first (SQLite:
   * `id in (…)` as a list of keys; PostgreSQL: `id = any(array(…))`, evaluated once).
   */
  dense?: boolean;
  /** Only appeals with a greater id: the recent window a dense search tries first. */
  aboveId?: number;
  /** The last word as a whole word (its forms by stem), not as a prefix. */
  exact?: boolean;
}

/**
 * A condition for a query over `appeals` that keeps the appeals matching the user's search, to be
 * combined with other filters, ordering and keyset pagination. Matches nothing when the query
 * has no searchable word. Prefer {@link searchCondition}, which also picks the plan.
 */
export function whereMatches(db: Db, query: string, opts: MatchOptions = {}): Expression<SqlBool> {
  const id = sql.ref(opts.idColumn ?? 'appeals.id');
  if (isPostgres(db) && opts.dense) {
    // A scalar subquery is never turned into a join: the planner must walk the inbox order and
    // check each row. As a semi-join it misjudged words that occur together («компенсация
    // родительской платы»: 6,072 matches expected, 89,816 found) and sorted every match.
    const q = tsQuery(query, !opts.exact);
    if (!q) return sql<SqlBool>`1 = 0`;
    const above = opts.aboveId === undefined ? sql`` : sql` and ${id} > ${opts.aboveId}`;
    return sql<SqlBool>`(coalesce((select s.body @@ to_tsquery('russian', ${q})
      from appeal_search s where s.appeal_id = ${id}), false)${above})`;
  }
  const matches = matchingIds(db, query, opts.aboveId, opts.exact);
  if (!matches) return sql<SqlBool>`1 = 0`;
  if (isPostgres(db)) return sql<SqlBool>`${id} = any(array(${matches}))`;
  return opts.dense ? sql<SqlBool>`+${id} in (${matches})` : sql<SqlBool>`${id} in (${matches})`;
}

function matchingIds(db: Db, query: string, aboveId?: number, exact = false) {
  if (isPostgres(db)) {
    const q = tsQuery(query, !exact);
    const above = aboveId === undefined ? sql`` : sql` and appeal_id > ${aboveId}`;
    return (
      q &&
      sql`select appeal_id from appeal_search where body @@ to_tsquery('russian', ${q})${above}`
    );
  }
  const q = ftsQuery(query, !exact);
  const above = aboveId === undefined ? sql`` : sql` and rowid > ${aboveId}`;
  return q && sql`select rowid from appeal_search where appeal_search match ${q}${above}`;
}

/** How many appeals match, counted up to `cap`. */
async function countMatches(db: Db, query: string, cap: number, exact = false): Promise<number> {
  const matches = matchingIds(db, query, undefined, exact);
  if (!matches) return 0;
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from
    (${matches} limit ${cap}) as m`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * {@link whereMatches} with the plan chosen for this query by counting its matches up to
 * {@link DENSE_MATCHES}: a rare word starts from its few matches, a common one («заявление»)
 * walks the inbox order instead of sorting every match.
 */
export async function searchCondition(
  db: Db,
  query: string,
  opts: Omit<MatchOptions, 'dense'> = {},
): Promise<Expression<SqlBool>> {
  return whereMatches(db, query, { ...opts, dense: await isDense(db, query) });
}

/** Whether the query matches more than `threshold` appeals. */
export async function isDense(
  db: Db,
  query: string,
  threshold = DENSE_MATCHES,
  exact = false,
): Promise<boolean> {
  return (await countMatches(db, query, threshold + 1, exact)) > threshold;
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
