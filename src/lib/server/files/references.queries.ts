import { sql } from 'kysely';
import type { Db } from '../db';

/** Every column that names a stored file by its SHA-256. */
const FILE_REFERENCES = [
  { table: 'attachments', column: 'sha256' },
  { table: 'letterhead_settings', column: 'emblem_sha256' },
  { table: 'outgoing_letters', column: 'file_sha256' },
] as const;

/** Every referenced file once, as column `h` (plain SQL: the backup runs it on a copy of the database). */
export const REFERENCED_FILES_SQL = FILE_REFERENCES.map(
  ({ table, column }) => `select ${column} as h from ${table} where ${column} is not null`,
).join('\n  union ');

const CHUNK = 300;

/** Of the given files, those some row still names. */
export async function referencedAmong(db: Db, sha256s: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (let i = 0; i < sha256s.length; i += CHUNK) {
    const chunk = sha256s.slice(i, i + CHUNK);
    const query = sql.join(
      FILE_REFERENCES.map(
        ({ table, column }) =>
          sql`select ${sql.ref(column)} as h from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`,
      ),
      sql` union `,
    );
    const { rows } = await sql<{ h: string }>`${query}`.execute(db);
    for (const r of rows) used.add(r.h);
  }
  return used;
}
