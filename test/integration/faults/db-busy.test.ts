import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBusy } from '../../../src/lib/server/db/busy';
import { connect, type Db } from '../../../src/lib/server/db/connect';
import { resetEnv } from '../../../src/lib/server/env';
import { toTrpcError } from '../../../src/lib/server/trpc/errors';
import { translator } from '../../../src/lib/i18n/messages';
import { appealsWorld, inbound, receive } from '../../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../../support/db';

let t: TestDb;
let impatient: Db;
let ctx: TestContext;
let email: number;

beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  // The app's own connection, with a short wait for locks so the test does not sit out 5 s.
  impatient = connect({
    ...(t.kind === 'postgres'
      ? { postgresUrl: t.env.DATABASE_URL }
      : { sqlitePath: path.join(t.env.OTKLIK_DATA!, 'otklik.sqlite') }),
    lockTimeoutMs: 300,
  });
  ctx = testContext(impatient);
  ({ email } = await appealsWorld(ctx));
});
afterEach(async () => {
  await impatient?.destroy();
  await t?.drop();
});

/** Another process holding the write lock, as a long import or a backup tool might. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  if (t.kind === 'postgres') {
    const client = new pg.Client({ connectionString: t.env.DATABASE_URL });
    await client.connect();
    await client.query('begin');
    await client.query('lock table appeals in exclusive mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const raw = new SQLite(path.join(t.env.OTKLIK_DATA!, 'otklik.sqlite'));
  raw.exec('begin immediate');
  return async () => {
    raw.exec('rollback');
    raw.close();
  };
}

async function counts() {
  const n = async (table: 'appeals' | 'interactions' | 'clients' | 'outbox') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    appeals: await n('appeals'),
    interactions: await n('interactions'),
    clients: await n('clients'),
    outbox: await n('outbox'),
  };
}

describe('the database busy with someone else’s lock', () => {
  it('an arriving appeal is refused as «busy» with nothing half-stored, and stored once the lock goes', async () => {
    const before = await counts();
    const release = await holdWriteLock();
    const message = inbound(email, {
      externalId: '<busy-1@example.ru>',
      text: 'Прошу сообщить, когда будет готова справка.',
    });
    const err: unknown = await receive(ctx, message).then(
      () => null,
      (e: unknown) => e,
    );
    await release();
    expect(err, 'the lock made the write fail').not.toBeNull();
    expect(isBusy(err)).toBe(true);
    expect(isBusy(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(await counts()).toEqual(before);

    // What the console shows: a retryable refusal in plain words, not «something went wrong».
    const shown = toTrpcError(err) as { code: string; message: string };
    expect(shown).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'errors.busy' });
    expect(translator('ru')('errors.busy')).toMatch(/База данных занята.*ничего не сохранено/);

    const stored = await receive(ctx, message);
    expect(stored.number).toMatch(/^\d{4}-\d{6}$/);
    // Delivered again (the channel retries what it could not store): recognised, not doubled.
    await receive(ctx, message);
    const after = await counts();
    expect(after.appeals).toBe(before.appeals + 1);
    expect(after.interactions).toBeGreaterThan(before.interactions);
  });
});
