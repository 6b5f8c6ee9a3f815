import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../../../db/migrations';
import type { Db } from './connect';
import { isPostgres } from '../search/dialect';

const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (!isPostgres(db)) return migrate(db);
  // A node starting beside one that is migrating waits for it, however long (the app's
  // connections otherwise give up on a held lock after lock_timeout).
  return db.connection().execute(async (conn) => {
    await sql`set lock_timeout = 0`.execute(conn);
    try {
      return await migrate(conn);
    } finally {
      await sql`reset lock_timeout`.execute(conn);
    }
  });
}

async function migrate(db: Db): Promise<string[]> {
  // Features land in parallel, so a migration may be named before one a database already ran;
  // each migration only adds its own tables and columns, so applying it late is safe.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Migration ${failed} failed: ${error instanceof Error ? error.message : error}`,
    );
  }
  return applied;
}
