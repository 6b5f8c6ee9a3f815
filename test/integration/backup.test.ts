import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/lib/server/cli/commands';
import type { CliIo } from '../../src/lib/server/cli/command';
import { runCli } from '../../src/lib/server/cli/run';
import { connect, type Db } from '../../src/lib/server/db/connect';
import { resetEnv } from '../../src/lib/server/env';
import { attachmentFile, putAttachment } from '../../src/lib/server/files/attachment-store';
import { dropSingleton, singletonExists } from '../../src/lib/server/singleton';
import { writeBundle } from '../../src/lib/server/backup/bundle';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestDb;
let ctx: TestContext;
let email: number;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-backup-'));
const extraDbs: string[] = [];

async function cli(argv: string[], envOverrides: Record<string, string | undefined>) {
  resetEnv(envOverrides);
  dropSingleton('db');
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => '',
  };
  const code = await runCli(argv, COMMANDS, io);
  if (singletonExists('db')) {
    const { appDb } = await import('../../src/lib/server/db');
    await appDb().destroy();
    dropSingleton('db');
  }
  return { code, out, err };
}

/** The installed `otklik` command in its own process, as an admin would run it beside the server. */
function otklikProcess(args: string[]): { child: ChildProcess; done: Promise<string> } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(t.env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  const child = spawn(path.join(ROOT, 'scripts/otklik.sh'), args, { env: childEnv });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<string>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`otklik ${args.join(' ')}: ${out}`)),
    ),
  );
  return { child, done };
}

async function tableCounts(db: Db, kind: string): Promise<Record<string, number>> {
  const names =
    kind === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)
        ).rows
      : // Full-text index tables (FTS5 and its shadow tables) merge segments: their row
        // counts go down as well as up, so they are no measure of a moment.
        (
          await sql<{ name: string }>`select t.name from sqlite_master t
            where t.type = 'table' and t.name not like 'sqlite_%'
              and t.sql not like 'CREATE VIRTUAL%'
              and not exists (select 1 from sqlite_master v where v.sql like 'CREATE VIRTUAL%'
                              and substr(t.name, 1, length(v.name) + 1) = v.name || '_')`.execute(
            db,
          )
        ).rows;
  const counts: Record<string, number> = {};
  for (const { name } of names) {
    const where = name === 'audit_log' ? sql`where action <> 'backup.restored'` : sql``;
    const r = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(name)} ${where}`.execute(db);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}

/** Appeals up to `maxId` with their timelines, hashed: the content a backup must carry whole. */
async function contentDigest(db: Db, maxId: number) {
  const appeals = await db
    .selectFrom('appeals')
    .select(['id', 'number', 'client_id', 'touchpoint_id', 'subject', 'status', 'created_at'])
    .where('id', '<=', maxId)
    .orderBy('id')
    .execute();
  const interactions = await db
    .selectFrom('interactions')
    .select(['id', 'appeal_id', 'direction', 'kind', 'at', 'subject', 'text'])
    .where('appeal_id', '<=', maxId)
    .orderBy('id')
    .execute();
  const orphans = appeals.filter((a) => !interactions.some((i) => i.appeal_id === a.id));
  return {
    appeals: appeals.length,
    interactions: interactions.length,
    orphans: orphans.length,
    sha256: createHash('sha256')
      .update(JSON.stringify([appeals, interactions]))
      .digest('hex'),
  };
}

async function maxAppealId(db: Db): Promise<number> {
  const r = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** A fresh, empty (unmigrated) restore target of the suite's kind. */
async function freshTarget(): Promise<{ env: Record<string, string | undefined>; open(): Db }> {
  if (t.kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(scratch, 'target-'));
    return {
      env: { OTKLIK_DATA: dir, DATABASE_URL: undefined },
      open: () => connect({ sqlitePath: path.join(dir, 'otklik.sqlite') }),
    };
  }
  const base = process.env.OTKLIK_TEST_PG_URL!;
  const name = `otklik_r_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  extraDbs.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: {
      OTKLIK_DATA: fs.mkdtempSync(path.join(scratch, 'target-')),
      DATABASE_URL: url.toString(),
    },
    open: () => connect({ postgresUrl: url.toString() }),
  };
}

beforeAll(async () => {
  t = await createTestDb();
  // As on a busy server between checkpoints: committed appeals live in the WAL, not yet in the
  // main file, so a backup that copied the file instead of reading the database would miss them.
  if (t.kind === 'sqlite') await sql`pragma wal_autocheckpoint = 0`.execute(t.db);
  ctx = testContext(t.db);
  ({ email } = await appealsWorld(ctx));
  resetEnv(t.env); // attachment files go to this database's data folder
  for (let i = 0; i < 150; i++) {
    const attachments =
      i % 30 === 0
        ? [
            await scan(`Скан заявления № ${i}`).then((sha256) => ({
              name: `заявление-${i}.pdf`,
              contentType: 'application/pdf',
              size: 100,
              sha256,
            })),
          ]
        : [];
    await receive(ctx, inbound(email, { attachments }));
  }
}, 60_000);

const scan = (text: string) => putAttachment(Buffer.from(`%PDF-1.4\n${text}\n`));

/** Every attachment row of the database with whether its file is in `dataDir` with those bytes. */
async function attachmentFiles(db: Db, dataDir: string) {
  const rows = await db
    .selectFrom('attachments')
    .select('sha256')
    .where('sha256', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map(({ sha256 }) => {
    const file = attachmentFile(dataDir, sha256!);
    const ok =
      fs.existsSync(file) &&
      createHash('sha256').update(fs.readFileSync(file)).digest('hex') === sha256;
    return { sha256, ok };
  });
}

afterAll(async () => {
  resetEnv({ OTKLIK_DATA: undefined, DATABASE_URL: undefined });
  await t.drop();
  if (extraDbs.length) {
    const admin = new pg.Client({ connectionString: process.env.OTKLIK_TEST_PG_URL });
    await admin.connect();
    for (const name of extraDbs) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('otklik backup and restore', () => {
  let backupFile: string;

  it('backs up while appeals keep arriving; the restore holds exactly the appeals of one moment, each with its timeline', async () => {
    backupFile = path.join(scratch, 'live.tar');
    const before = await tableCounts(t.db, t.kind);
    let stop = false;
    let written = 0;
    const load = (async () => {
      while (!stop) {
        await receive(
          ctx,
          inbound(email, {
            text: `Обращение под нагрузкой № ${written}: прошу разъяснить порядок.`,
          }),
        );
        written++;
        // better-sqlite3 answers synchronously: yield so the child's exit can be noticed.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const { done } = otklikProcess(['backup', '--out', backupFile]);
    const printed = await done.finally(() => (stop = true));
    await load;
    const writtenDuringRun = written;
    const after = await tableCounts(t.db, t.kind);

    expect(printed).toMatch(
      /Backup written: .*live\.tar \(\d+(\.\d)? (KB|MB), the database and 5 attachment files\) in \d+\.\d s/,
    );
    expect(writtenDuringRun).toBeGreaterThan(5);

    const target = await freshTarget();
    const restored = await cli(['restore', backupFile], target.env);
    expect(restored.err).toBe('');
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.out).toMatch(/Restored .*live\.tar into .*, with 5 attachment files/);

    const copy = target.open();
    try {
      const counts = await tableCounts(copy, t.kind);
      expect(Object.keys(counts).sort()).toEqual(Object.keys(before).sort());
      for (const table of Object.keys(before)) {
        expect(counts[table], table).toBeGreaterThanOrEqual(before[table]!);
        expect(counts[table], table).toBeLessThanOrEqual(after[table]!);
      }
      const maxId = await maxAppealId(copy);
      const inCopy = await contentDigest(copy, maxId);
      const live = await contentDigest(t.db, maxId);
      expect(inCopy.orphans).toBe(0);
      expect(inCopy).toEqual(live);
      // The files come back with the rows that name them.
      const files = await attachmentFiles(copy, target.env.OTKLIK_DATA!);
      expect(files).toHaveLength(5);
      expect(files.filter((f) => !f.ok)).toEqual([]);
      // The copy is of one moment during the load: not the state before it nor after it.
      expect(inCopy.appeals).toBeGreaterThanOrEqual(before.appeals!);
      expect(counts.appeals).toBe(inCopy.appeals);
      expect(
        (
          await copy
            .selectFrom('audit_log')
            .select('action')
            .where('action', '=', 'backup.restored')
            .execute()
        ).length,
      ).toBe(1);
    } finally {
      await copy.destroy();
    }
  }, 120_000);

  it('refuses to overwrite a database that holds data unless told --yes', async () => {
    const refused = await cli(['restore', backupFile], t.env);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds data; add --yes/);
    expect(await maxAppealId(t.db)).toBeGreaterThan(150);
  });

  it('names an attachment file gone from disk and backs up the rest; a damaged file is refused whole', async () => {
    const [first] = await attachmentFiles(t.db, t.env.OTKLIK_DATA!);
    fs.rmSync(attachmentFile(t.env.OTKLIK_DATA!, first!.sha256!));
    const out = path.join(scratch, 'gap.tar');
    const r = await cli(['backup', '--out', out], t.env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('the database and 4 attachment files');
    expect(r.err).toContain(`1 attachment files named in the database were not found`);
    expect(r.err).toContain(first!.sha256!);

    // A bundle whose file does not hash to its name (a disk error, an edit) restores nothing.
    const db = path.join(scratch, 'db.sqlite');
    fs.writeFileSync(db, 'SQLite format 3\0');
    const forged = path.join(scratch, 'forged.tar');
    const wrongBytes = path.join(scratch, 'wrong.bin');
    fs.writeFileSync(wrongBytes, 'не те байты');
    await writeBundle(
      forged,
      { file: db, format: t.kind === 'postgres' ? 'pgdump' : 'sqlite' },
      [{ sha256: first!.sha256!, file: wrongBytes }],
      [],
      new Date(),
    );
    const target = await freshTarget();
    const refused = await cli(['restore', forged], target.env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is damaged');
    // Nothing restored, no unpacked leftovers.
    expect(fs.readdirSync(target.env.OTKLIK_DATA!)).toEqual([]);
  });

  it('says what a file is when it is not a backup of this kind of database', async () => {
    const text = path.join(scratch, 'notes.txt');
    fs.writeFileSync(text, 'не резервная копия');
    const wrong = await cli(['restore', text], (await freshTarget()).env);
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.err).toContain(
      'neither an Otklik backup, an SQLite database nor a pg_dump custom-format file',
    );
    const missing = await cli(['restore', path.join(scratch, 'nope.sqlite')], t.env);
    expect(missing.err).toContain('no backup file at');
    const usage = await cli(['restore'], t.env);
    expect(usage.code).toBe(2);
  });

  it.runIf(process.env.OTKLIK_TEST_DB !== 'postgres')(
    'SQLite: refuses to restore under a running server, then restores with --yes once it stopped',
    async () => {
      const target = await freshTarget();
      const dir = target.env.OTKLIK_DATA!;
      const server = spawn('sleep', ['60']);
      fs.writeFileSync(path.join(dir, 'otklik.pid'), `${server.pid}\n`);
      const refused = await cli(['restore', backupFile, '--yes'], target.env);
      server.kill();
      await new Promise((r) => server.once('exit', r));
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/server is running \(pid \d+.*stop it before restoring/);

      // The pid file of a stopped server is stale and does not block.
      const first = await cli(['restore', backupFile], target.env);
      expect(first).toMatchObject({ code: 0 });
      const again = await cli(['restore', backupFile], target.env);
      expect(again.err).toMatch(/already holds data/);
      const forced = await cli(['restore', backupFile, '--yes'], target.env);
      expect(forced).toMatchObject({ code: 0 });
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  it.runIf(process.env.OTKLIK_TEST_DB === 'postgres')(
    'PostgreSQL: a missing pg_dump is named with how to install it',
    async () => {
      const empty = fs.mkdtempSync(path.join(scratch, 'bin-'));
      const pathBefore = process.env.PATH;
      try {
        const r = await cli(['backup', '--out', path.join(scratch, 'x.pgdump')], {
          ...t.env,
          PATH: empty,
        });
        expect(r.code).toBe(1);
        expect(r.err).toContain('pg_dump was not found on PATH');
        expect(r.err).toContain('apt-get install postgresql-client');
        expect(r.err).not.toMatch(/postgres:\/\/[^@\s]*:[^@\s]*@/);
      } finally {
        process.env.PATH = pathBefore;
      }
      expect(fs.existsSync(path.join(scratch, 'x.pgdump.partial'))).toBe(false);
    },
  );

  it('otklik backup --help names its options', async () => {
    const r = await cli(['backup', '--help'], t.env);
    expect(r.out).toContain('otklik backup [--out FILE]');
  });
});
