import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../../../db/migrations';
import type { Db } from './connect';

const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
};

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
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
