import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fixedClock, type Clock } from '../../src/lib/server/clock';
import type { ServiceContext } from '../../src/lib/server/context';
import { connect, type Db, type DbKind } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { EventBus } from '../../src/lib/server/events/bus';
import type { AppEvent } from '../../src/lib/server/events/events';

export interface TestDb {
  kind: DbKind;
  db: Db;
  /** Settings that point the app's own env-based singletons (CLI, server) at this database. */
  env: Record<string, string | undefined>;
  drop(): Promise<void>;
}

const PG_HINT =
  'PostgreSQL is needed for the integration-postgres suite: run the tests with `npm test` ' +
  '(scripts/services/postgres.sh installs and starts one), or set OTKLIK_TEST_PG_URL to a server ' +
  'where this user may CREATE DATABASE (Debian: apt-get install postgresql).';

/** A fresh, migrated database of the kind the current vitest project asks for. */
export async function createTestDb(): Promise<TestDb> {
  const kind: DbKind = process.env.OTKLIK_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-test-'));
    const sqlitePath = path.join(dir, 'otklik.sqlite');
    const db = connect({ sqlitePath });
    await migrateToLatest(db);
    return {
      kind,
      db,
      env: { OTKLIK_DATA: dir, DATABASE_URL: undefined },
      drop: async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.OTKLIK_TEST_PG_URL;
  if (!base) throw new Error(PG_HINT);
  const name = `otklik_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect().catch((err: Error) => {
    throw new Error(`${err.message}\n${PG_HINT}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = connect({ postgresUrl: url.toString() });
  await migrateToLatest(db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-test-'));
  return {
    kind,
    db,
    env: { OTKLIK_DATA: dir, DATABASE_URL: url.toString() },
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestContext extends ServiceContext {
  clock: Clock & { advance(ms: number): void };
  events: AppEvent[];
}

/** Services wired to a test database, a movable clock and a bus that records what it publishes. */
export function testContext(db: Db, start = '2026-03-02T09:00:00.000Z'): TestContext {
  const bus = new EventBus();
  const events: AppEvent[] = [];
  bus.subscribe((e) => events.push(e));
  return { db, clock: fixedClock(start), bus, events };
}
