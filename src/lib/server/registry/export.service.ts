import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import { env } from '../env';
import { DomainError } from '../errors';
import {
  writeRegistryCsv,
  writeRegistryJson,
  writeRegistryXlsx,
  type RegistryFileMeta,
} from './formats';
import { figuresByEntry } from './figures-by-entry';
import { listRegistryRows } from './registry.queries';
import { toEntry } from './to-entry';
import { findVersion, latestVersion } from './versions.queries';
import { versionEntries } from './versions.service';
import { registryFigures } from '../metrics/metrics.service';
import { addFiguresToRegistryXlsx } from '../metrics/registry-export';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

async function render(
  format: ExportFormat,
  entries: Parameters<typeof writeRegistryCsv>[0],
  meta: RegistryFileMeta,
): Promise<ExportFile> {
  const body =
    format === 'xlsx'
      ? await writeRegistryXlsx(entries, meta)
      : format === 'csv'
        ? writeRegistryCsv(entries, meta)
        : writeRegistryJson(entries, meta);
  const suffix = meta.versionNumber ? `v${meta.versionNumber}` : 'working';
  return { fileName: `perechen-${suffix}.${format}`, contentType: CONTENT_TYPES[format], body };
}

/**
 * Any approved version in the official form; without a number, the latest version, or the
 * working registry while nothing has been approved yet.
 */
export async function exportRegistry(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    format: ExportFormat;
    version?: number | null;
    /** XLSX only: each row's figures and flags in extra columns after the form (issue 12). */
    figures?: boolean;
  },
): Promise<ExportFile> {
  assertRole(actor, ['maintainer']);
  const version = input.version
    ? await findVersion(ctx.db, input.version)
    : await latestVersion(ctx.db);
  if (input.version && !version) {
    throw new DomainError('NOT_FOUND', 'registry.versionUnknown', { number: input.version });
  }
  const withFigures = input.figures && input.format === 'xlsx';
  const working = !version || withFigures ? await listRegistryRows(ctx.db) : [];
  const entries = version ? await versionEntries(ctx, version.number) : working.map(toEntry);
  const file = await render(input.format, entries, {
    agency: env().OTKLIK_AGENCY,
    versionNumber: version?.number ?? null,
    approvedAt: version?.approvedAt ?? null,
  });
  if (!withFigures) return file;
  const figures = await registryFigures(ctx, actor);
  const byName = figuresByEntry(working, figures);
  return {
    ...file,
    fileName: file.fileName.replace('.xlsx', '-figures.xlsx'),
    body: await addFiguresToRegistryXlsx(file.body, byName, figures.period),
  };
}

/** The published version, for anyone: the public page offers it for download. */
export async function exportPublished(
  ctx: ServiceContext,
  format: ExportFormat,
): Promise<ExportFile | null> {
  const version = await latestVersion(ctx.db, { published: true });
  if (!version) return null;
  return render(format, await versionEntries(ctx, version.number), {
    agency: env().OTKLIK_AGENCY,
    versionNumber: version.number,
    approvedAt: version.approvedAt,
  });
}
