import path from 'node:path';
import { recordAudit } from '../../audit/audit.queries';
import {
  backupDatabase,
  defaultBackupFile,
  restoreDatabase,
  type BackupTarget,
} from '../../backup/backup.service';
import { SYSTEM } from '../../context';
import { appDb } from '../../db';
import { dbKind } from '../../db/connect';
import { env } from '../../env';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../command';

function configuredTarget(): BackupTarget {
  const e = env();
  return {
    kind: dbKind({ postgresUrl: e.DATABASE_URL }),
    sqlitePath: e.sqlitePath,
    postgresUrl: e.DATABASE_URL,
    dataDir: e.dataDir,
  };
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const backupCommand: CliCommand = {
  path: ['backup'],
  usage: 'otklik backup [--out FILE]',
  summary:
    'write a consistent copy of the database and its attachment files while the console runs',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { out: { type: 'string' } });
    const target = configuredTarget();
    const out = values.out ?? defaultBackupFile(target, new Date());
    const result = await backupDatabase(target, out);
    io.stdout(
      `Backup written: ${result.file} (${size(result.bytes)}, the database and ${result.attachments} attachment files) in ${(result.ms / 1000).toFixed(1)} s\n`,
    );
    if (result.missing.length) {
      io.stderr(
        `${result.missing.length} attachment files named in the database were not found under ${path.join(target.dataDir, 'attachments')} and are not in the backup: ${result.missing.slice(0, 5).join(', ')}${result.missing.length > 5 ? ', …' : ''}\n`,
      );
    }
    await recordAudit(appDb(), new Date(), SYSTEM, {
      action: 'backup.created',
      entity: 'database',
      details: { file: result.file, bytes: result.bytes, attachments: result.attachments },
    });
    return EXIT.ok;
  },
};

export const restoreCommand: CliCommand = {
  path: ['restore'],
  usage: 'otklik restore FILE [--yes]',
  summary: 'replace the database with a backup (SQLite: with the server stopped)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { yes: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('name one backup file');
    const target = configuredTarget();
    const result = await restoreDatabase(target, positionals[0]!, values.yes === true);
    io.stdout(
      `Restored ${path.resolve(positionals[0]!)} into ${
        target.kind === 'postgres' ? 'the PostgreSQL database' : target.sqlitePath
      }, with ${result.attachments} attachment files, in ${(result.ms / 1000).toFixed(1)} s\n`,
    );
    await recordAudit(appDb(), new Date(), SYSTEM, {
      action: 'backup.restored',
      entity: 'database',
      details: { file: path.resolve(positionals[0]!) },
    });
    return EXIT.ok;
  },
};
