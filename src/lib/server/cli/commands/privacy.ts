import { appContext, SYSTEM } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../errors';
import { exportClientData } from '../../privacy/export.service';
import { runRetention } from '../../privacy/retention.service';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../command';

export const privacyRetentionCommand: CliCommand = {
  path: ['privacy', 'retention'],
  usage: 'otklik privacy retention [--dry-run]',
  summary: 'anonymise appeals closed longer ago than the retention period, and their clients',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' } });
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const r = await runRetention(ctx, SYSTEM, { dryRun: values['dry-run'] === true });
    const head = `Retention ${r.years} years: appeals closed before ${r.cutoff.slice(0, 10)}`;
    io.stdout(
      r.dryRun
        ? `${head} — would anonymise ${r.appeals} appeals and ${r.clients} clients (dry run, nothing changed).\n`
        : `${head} — anonymised ${r.appeals} appeals and ${r.clients} clients, deleted ${r.files} files.\n`,
    );
    return EXIT.ok;
  },
};

export const privacyExportCommand: CliCommand = {
  path: ['privacy', 'export'],
  usage: 'otklik privacy export --client ID | --email ADDRESS',
  summary: 'print everything held about one client as JSON (152-FZ art. 14)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      client: { type: 'string' },
      email: { type: 'string' },
    });
    if ((values.client == null) === (values.email == null)) {
      throw new UsageError('give either --client ID or --email ADDRESS');
    }
    const id = values.client == null ? null : Number(values.client);
    if (id != null && (!Number.isInteger(id) || id <= 0)) {
      throw new UsageError(`--client takes a client number, got ${values.client}`);
    }
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    try {
      const data = await exportClientData(
        ctx,
        SYSTEM,
        id != null ? { clientId: id } : { email: values.email! },
      );
      io.stdout(`${JSON.stringify(data, null, 2)}\n`);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof DomainError && err.message === 'privacy.error.noClient') {
        io.stderr(
          `otklik privacy export: no client ${id != null ? `with id ${id}` : `with e-mail ${values.email}`}\n`,
        );
        return EXIT.invalid;
      }
      if (err instanceof DomainError && err.message === 'privacy.error.email') {
        throw new UsageError(`--email takes an e-mail address, got ${values.email}`);
      }
      throw err;
    }
  },
};
