import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db';

/** How many interactions hold Message-IDs starting `<prefix-`, and how many distinct ones. */
export async function storedMessages(db: Db, prefix: string) {
  const rows = await db
    .selectFrom('interactions')
    .select('external_id')
    .where('external_id', 'like', `<${prefix}-%`)
    .execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.external_id)).size };
}

/**
 * What a crash must never leave: an appeal without its first message, an attachment row whose
 * file is missing, a stored file whose bytes do not match its name or that no row refers to.
 * Returns the problems found (empty when the data is whole); «*.tmp» files are counted apart.
 */
export async function halfWritten(db: Db, dataDir: string) {
  const problems: string[] = [];
  const bare = await db
    .selectFrom('appeals as a')
    .leftJoin('interactions as i', 'i.appeal_id', 'a.id')
    .select('a.number')
    .where('i.id', 'is', null)
    .execute();
  for (const a of bare) problems.push(`appeal ${a.number} has no interaction`);
  const rows = await db
    .selectFrom('attachments')
    .select(['sha256', 'name'])
    .where('sha256', 'is not', null)
    .execute();
  const referenced = new Set(rows.map((r) => r.sha256!));
  const root = path.join(dataDir, 'attachments');
  const files = fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[])
        .map((f) => path.join(root, f))
        .filter((f) => fs.statSync(f).isFile())
    : [];
  const temps = files.filter((f) => f.endsWith('.tmp'));
  const kept = new Map<string, string>();
  for (const f of files.filter((f) => !f.endsWith('.tmp'))) kept.set(path.basename(f), f);
  for (const r of rows) {
    if (!kept.has(r.sha256!)) problems.push(`attachment ${r.name}: file ${r.sha256} missing`);
  }
  for (const [name, file] of kept) {
    const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    if (hash !== name) problems.push(`file ${name} holds other bytes (${hash})`);
    if (!referenced.has(name)) problems.push(`file ${name} belongs to no attachment row`);
  }
  return { problems, temps: temps.length };
}

/** Outbox rows by status, e.g. `{ sent: 12, unconfirmed: 1 }`. */
export async function outboxByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
