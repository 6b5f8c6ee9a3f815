import { sql } from 'kysely';
import type { AppealDocument } from '../../domain/search/appeal-document';
import type { Db } from '../db';
import { isPostgres } from './dialect';

export interface IndexedDocument {
  appealId: number;
  doc: AppealDocument;
}

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

/**
 * better-sqlite3 binds JavaScript numbers as REAL, and FTS5 does not always treat a REAL as a
 * rowid (`match … and rowid in (?, ?)` silently drops rows), so SQLite gets the ids inlined.
 */
function idList(ids: readonly number[]) {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new TypeError(`Bad appeal id ${id}`);
  return sql.join(ids.map((id) => sql.lit(id)));
}

export async function deleteDocuments(db: Db, appealIds: readonly number[]): Promise<void> {
  for (const ids of chunks(appealIds)) {
    await (
      isPostgres(db)
        ? sql`delete from appeal_search where appeal_id in (${sql.join(ids)})`
        : sql`delete from appeal_search where rowid in (${idList(ids)})`
    ).execute(db);
  }
}

/** Replaces each appeal's document; on SQLite the FTS5 rowid is the appeal id. */
export async function writeDocuments(db: Db, docs: readonly IndexedDocument[]): Promise<void> {
  if (isPostgres(db)) {
    for (const part of chunks(docs)) {
      const values = part.map(
        ({ appealId, doc }) =>
          sql`(${appealId}, to_tsvector('russian', ${doc.text}) || to_tsvector('russian', ${doc.extras})
            || to_tsvector('simple', ${doc.names}))`,
      );
      await sql`insert into appeal_search (appeal_id, body) values ${sql.join(values)}
        on conflict (appeal_id) do update set body = excluded.body`.execute(db);
    }
    return;
  }
  for (const part of chunks(docs)) {
    await deleteDocuments(
      db,
      part.map((d) => d.appealId),
    );
    const values = part.map(({ appealId, doc }) => sql`(${appealId}, ${doc.body})`);
    await sql`insert into appeal_search (rowid, body) values ${sql.join(values)}`.execute(db);
  }
}
