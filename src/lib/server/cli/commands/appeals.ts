import { exportAppeals } from '../../appeals/export.queries';
import { appContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../command';

export const appealsExportCommand: CliCommand = {
  path: ['appeals', 'export'],
  usage: 'otklik appeals export --format jsonl [--since YYYY-MM-DD]',
  summary: 'print every appeal with its timeline, one JSON object per line',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      format: { type: 'string' },
      since: { type: 'string' },
    });
    if (values.format !== 'jsonl') throw new UsageError('--format jsonl is the only format');
    let since: string | null = null;
    if (values.since != null) {
      const ms = Date.parse(values.since);
      if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(ms)) {
        throw new UsageError(`--since takes a date like 2026-01-31, got ${values.since}`);
      }
      since = new Date(ms).toISOString();
    }
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    for await (const appeal of exportAppeals(ctx.db, since)) {
      io.stdout(`${JSON.stringify(appeal)}\n`);
      await io.drain?.();
    }
    return EXIT.ok;
  },
};
