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

export async function deleteDocuments(db: Db, appealIds: readonly number[]): Promise<void> {
  const column = isPostgres(db) ? sql.ref('appeal_id') : sql.ref('rowid');
  for (const ids of chunks(appealIds)) {
    await sql`delete from appeal_search where ${column} in (${sql.join(ids)})`.execute(db);
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
