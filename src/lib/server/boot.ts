import fs from 'node:fs';
import { sql } from 'kysely';
import { formatLogins, seedDemo } from '../../../db/seed';
import { appContext } from './context';
import { migrateToLatest } from './db/migrate';
import { env } from './env';
import { countUsers } from './users/users.queries';

/** Prepares storage before the first request: data dir, migrations, demo data on first start. */
export async function boot(log: (line: string) => void = console.log): Promise<void> {
  const e = env();
  if (!e.DATABASE_URL) fs.mkdirSync(e.dataDir, { recursive: true });
  const ctx = appContext();
  const applied = await migrateToLatest(ctx.db);
  if (applied.length) log(`Migrations applied: ${applied.join(', ')}`);
  // Keeps SQLite's query plans on current statistics (the inbox relies on partial indexes).
  if (!e.DATABASE_URL) await sql`pragma optimize`.execute(ctx.db);
  const firstStart = (await countUsers(ctx.db)) === 0;
  if (firstStart && e.OTKLIK_SEED_ON_FIRST_START === '1') {
    const report = await seedDemo(ctx);
    log('First start: demo data loaded.');
    log(formatLogins(report));
  }
}
