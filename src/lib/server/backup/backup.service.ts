import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DbKind } from '../db/connect';
import { childProcessEnv } from '../env';
import { attachmentFile } from '../files/attachment-store';
import { REFERENCED_FILES_SQL } from '../files/references.queries';
import { isBundle, unpackBundle, writeBundle, type DatabaseFormat } from './bundle';
import { processesUsingFile, runningServerPid } from './server-lock';

/** A failure the operator can act on; the CLI prints its message as it is. */
export class BackupError extends Error {}

export interface BackupTarget {
  kind: DbKind;
  sqlitePath: string;
  postgresUrl?: string;
  dataDir: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  attachments: number;
  /** Attachment files the database refers to that were not on disk. */
  missing: string[];
}

const PG_HINT =
  'install the PostgreSQL client tools of the server’s major version or newer ' +
  '(Debian/Ubuntu: apt-get install postgresql-client)';

/** Default file name: `<data>/backups/otklik-2026-11-26T01-02-03Z.tar`. */
export function defaultBackupFile(target: BackupTarget, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return path.join(target.dataDir, 'backups', `otklik-${stamp}.tar`);
}

async function referencedFiles(target: BackupTarget, sqliteCopy: string): Promise<string[]> {
  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.postgresUrl });
    await client.connect();
    try {
      return (await client.query<{ h: string }>(REFERENCED_FILES_SQL)).rows.map((r) => r.h);
    } finally {
      await client.end();
    }
  }
  const copy = new SQLite(sqliteCopy, { readonly: true, fileMustExist: true });
  try {
    return (copy.prepare(REFERENCED_FILES_SQL).all() as { h: string }[]).map((r) => r.h);
  } finally {
    copy.close();
  }
}

/** libpq tools read the password from PGPASSWORD, so it never shows in `ps` or an error. */
function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: childProcessEnv(password ? { PGPASSWORD: password } : {}) };
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new BackupError(`${tool} was not found on PATH: ${PG_HINT}`)
          : new BackupError(`${tool} could not start: ${err.message}`),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/**
 * An online, transactionally consistent copy of the live database.
 * SQLite: the online backup API copies every page in one step, inside one read transaction of
 * the WAL, so writers go on and the copy is the database as of one commit (in small steps a
 * write by the server would restart the copy, and under steady load it might never finish).
 * PostgreSQL: pg_dump in custom format, which reads one snapshot.
 * The copy is written beside the target and renamed, so a failed run leaves no partial file.
 */
export async function backupDatabase(target: BackupTarget, out: string): Promise<BackupResult> {
  const file = path.resolve(out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.partial`;
  const dbTemp = `${file}.database.partial`;
  for (const f of [temp, dbTemp]) fs.rmSync(f, { force: true });
  const started = performance.now();
  try {
    if (target.kind === 'postgres') {
      const { dbname, env } = pgConnection(target.postgresUrl!);
      await runTool(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--file=${dbTemp}`,
          `--dbname=${dbname}`,
        ],
        env,
      );
    } else {
      if (!fs.existsSync(target.sqlitePath)) {
        throw new BackupError(`there is no database at ${target.sqlitePath} (check OTKLIK_DATA)`);
      }
      const source = new SQLite(target.sqlitePath, { readonly: true, fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        await source.backup(dbTemp, { progress: () => 0x7fffffff });
      } finally {
        source.close();
      }
    }
    // Files are written before the rows that name them commit and never change, so every file the
    // copy names is on disk unless retention removed it since (then it is listed as missing).
    const present: { sha256: string; file: string }[] = [];
    const missing: string[] = [];
    for (const sha256 of await referencedFiles(target, dbTemp)) {
      const f = attachmentFile(target.dataDir, sha256);
      if (fs.existsSync(f)) present.push({ sha256, file: f });
      else missing.push(sha256);
    }
    await writeBundle(
      temp,
      { file: dbTemp, format: target.kind === 'postgres' ? 'pgdump' : 'sqlite' },
      present,
      missing,
      new Date(),
    );
    fs.renameSync(temp, file);
    return {
      file,
      bytes: fs.statSync(file).size,
      ms: performance.now() - started,
      attachments: present.length,
      missing,
    };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  } finally {
    fs.rmSync(dbTemp, { force: true });
  }
}

function formatOf(file: string): DatabaseFormat | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pgdump';
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a database already holds Otklik data: users, clients or appeals. */
async function holdsData(db: Kysely<unknown>): Promise<boolean> {
  for (const table of ['users', 'clients', 'appeals']) {
    try {
      const row = await sql<{
        one: number;
      }>`select 1 as one from ${sql.table(table)} limit 1`.execute(db);
      if (row.rows.length) return true;
    } catch {
      // no such table: not an Otklik database yet
    }
  }
  return false;
}

function sqliteHoldsData(file: string): Promise<boolean> {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return Promise.resolve(false);
  const raw = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    for (const table of ['users', 'clients', 'appeals']) {
      try {
        if (raw.prepare(`select 1 from ${table} limit 1`).get()) return Promise.resolve(true);
      } catch {
        // no such table
      }
    }
    return Promise.resolve(false);
  } finally {
    raw.close();
  }
}

function checkSqliteBackup(file: string): void {
  let raw: SQLite.Database | undefined;
  try {
    raw = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} is damaged: ${String(check)}`);
    const migrated = raw
      .prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
      .get();
    if (!migrated) throw new BackupError(`${file} is an SQLite file but not an Otklik backup`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} cannot be read as SQLite: ${(err as Error).message}`);
  } finally {
    raw?.close();
  }
}

export interface RestoreResult {
  ms: number;
  /** Attachment files put in place (those already there are kept). */
  attachments: number;
}

/**
 * Puts a backup in place of the configured database and its attachment files beside it. Refuses
 * to replace a database that holds data unless `overwrite`; SQLite also refuses while a server or
 * another process uses the file. A bare database file (an older backup) restores the database only.
 */
export async function restoreDatabase(
  target: BackupTarget,
  backupFile: string,
  overwrite: boolean,
): Promise<RestoreResult> {
  const file = path.resolve(backupFile);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new BackupError(`no backup file at ${file}`);
  }
  if (!isBundle(file)) {
    return { ...(await restoreDatabaseFile(target, file, overwrite)), attachments: 0 };
  }
  const started = performance.now();
  fs.mkdirSync(target.dataDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(target.dataDir, '.restore-'));
  try {
    const unpacked = await unpackBundle(file, work).catch((err: Error) => {
      throw new BackupError(err.message);
    });
    await restoreDatabaseFile(target, unpacked.database, overwrite).catch((err: Error) => {
      // Name the file the user gave, not the unpacked copy.
      throw err instanceof BackupError
        ? new BackupError(err.message.replaceAll(unpacked.database, file))
        : err;
    });
    let placed = 0;
    for (const a of unpacked.attachments) {
      const dest = attachmentFile(target.dataDir, a.sha256);
      if (fs.existsSync(dest)) continue;
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(a.file, dest);
      placed++;
    }
    return { ms: performance.now() - started, attachments: placed };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function restoreDatabaseFile(
  target: BackupTarget,
  file: string,
  overwrite: boolean,
): Promise<{ ms: number }> {
  const format = formatOf(file);
  const expected: DatabaseFormat = target.kind === 'postgres' ? 'pgdump' : 'sqlite';
  if (format == null) {
    throw new BackupError(
      `${file} is neither an Otklik backup, an SQLite database nor a pg_dump custom-format file`,
    );
  }
  if (format !== expected) {
    throw new BackupError(
      format === 'sqlite'
        ? `${file} is an SQLite backup, but this installation uses PostgreSQL (DATABASE_URL is set)`
        : `${file} is a PostgreSQL dump, but this installation uses SQLite (set DATABASE_URL to restore it)`,
    );
  }
  const started = performance.now();
  if (target.kind === 'postgres') {
    const probe = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: target.postgresUrl, max: 1 }),
      }),
    });
    try {
      if (!overwrite && (await holdsData(probe))) {
        throw new BackupError(
          'the target database already holds data; add --yes to replace it with the backup',
        );
      }
    } finally {
      await probe.destroy();
    }
    const { dbname, env } = pgConnection(target.postgresUrl!);
    await runTool(
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        `--dbname=${dbname}`,
        file,
      ],
      env,
    );
    return { ms: performance.now() - started };
  }

  const dbFile = target.sqlitePath;
  const server = runningServerPid(target.dataDir);
  if (server != null) {
    throw new BackupError(
      `the Otklik server is running (pid ${server}, ${path.join(target.dataDir, 'otklik.pid')}); stop it before restoring`,
    );
  }
  const users = processesUsingFile(dbFile);
  if (users.length) {
    throw new BackupError(
      `the database ${dbFile} is open in another process (pid ${users.join(', ')}); stop it before restoring`,
    );
  }
  if (!overwrite && (await sqliteHoldsData(dbFile))) {
    throw new BackupError(`${dbFile} already holds data; add --yes to replace it with the backup`);
  }
  checkSqliteBackup(file);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const temp = `${dbFile}.restore-${process.pid}.tmp`;
  try {
    fs.copyFileSync(file, temp);
    const fd = fs.openSync(temp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    // A WAL left by the old database must never be replayed onto the restored one.
    fs.rmSync(`${dbFile}-wal`, { force: true });
    fs.rmSync(`${dbFile}-shm`, { force: true });
    fs.renameSync(temp, dbFile);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  return { ms: performance.now() - started };
}
