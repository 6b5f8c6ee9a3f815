import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMessageKey, translator } from '../../../i18n/messages';
import { appContext, SYSTEM } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../errors';
import { EXPORT_FORMATS, exportRegistry, type ExportFormat } from '../../registry/export.service';
import { importRegistry } from '../../registry/import.service';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../command';

const t = translator('ru');

function domainFailure(err: unknown, io: CliIo): number {
  if (!(err instanceof DomainError)) throw err;
  const params = (err.details ?? undefined) as Record<string, string> | undefined;
  io.stderr(`${isMessageKey(err.message) ? t(err.message, params) : err.message}\n`);
  return EXIT.invalid;
}

export const registryExportCommand: CliCommand = {
  path: ['registry', 'export'],
  usage: 'otklik registry export --format xlsx|csv|json [--version N] [--out FILE]',
  summary: 'write a registry version in the official form (latest version by default)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      format: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
    });
    const format = values.format ?? '';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const version = values.version == null ? null : Number(values.version);
    if (version != null && !(Number.isInteger(version) && version > 0)) {
      throw new UsageError(`--version takes a version number, got ${values.version}`);
    }
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    try {
      const file = await exportRegistry(ctx, SYSTEM, { format: format as ExportFormat, version });
      const out = values.out ?? file.fileName;
      await writeFile(out, file.body);
      io.stdout(`${path.resolve(out)}\n`);
      return EXIT.ok;
    } catch (err) {
      return domainFailure(err, io);
    }
  },
};

export const registryImportCommand: CliCommand = {
  path: ['registry', 'import'],
  usage: 'otklik registry import FILE [--dry-run]',
  summary: 'check a registry file (XLSX, CSV or JSON) and load it as a new version',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { 'dry-run': { type: 'boolean' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const fileName = positionals[0]!;
    let body: Buffer;
    try {
      body = await readFile(fileName);
    } catch (err) {
      throw new UsageError(
        `cannot read ${fileName}: ${(err as NodeJS.ErrnoException).code ?? err}`,
      );
    }
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    try {
      const report = await importRegistry(ctx, SYSTEM, {
        body,
        fileName: path.basename(fileName),
        dryRun: values['dry-run'] ?? false,
      });
      if (report.problems.length) {
        for (const p of report.problems) {
          io.stderr(`${fileName}:${p.rowNumber}: ${p.column ? `${p.column}: ` : ''}${p.message}\n`);
        }
        io.stderr(`Ошибок: ${report.problems.length}. Ничего не записано.\n`);
        return EXIT.invalid;
      }
      const d = report.diff!;
      io.stdout(
        `Строк: ${report.rows}; добавится ${d.added.length}, изменится ${d.changed.length}, исключится ${d.removed.length}.\n`,
      );
      if (report.written) io.stdout(`Утверждена версия № ${report.versionNumber}.\n`);
      else if (!values['dry-run']) io.stdout('Перечень не изменился: новая версия не нужна.\n');
      else io.stdout('Проверка без записи (--dry-run).\n');
      return EXIT.ok;
    } catch (err) {
      return domainFailure(err, io);
    }
  },
};
