import type { RegistryDiff } from '../../domain/registry/diff';
import { diffRegistries } from '../../domain/registry/diff';
import { matchNeeds } from '../../domain/registry/needs-text';
import type { RegistryEntry } from '../../domain/registry/vocabulary';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { registryProblems } from './checks';
import {
  readRegistryFile,
  readRegistryJson,
  tableToEntries,
  type RegistryProblem,
} from './formats';
import { referenceFromDb } from './reference';
import { listRegistryRows } from './registry.queries';
import { replaceWorkingRegistry } from './replace';
import { toEntry } from './to-entry';
import { recordVersion } from './versions.service';

export interface ImportReport {
  fileName: string;
  rows: number;
  problems: RegistryProblem[];
  diff: RegistryDiff | null;
  /** Set when the import was written: the version it produced (null when nothing changed). */
  versionNumber: number | null;
  written: boolean;
}

/** Reads and checks a file without writing anything. */
export async function inspectImport(
  ctx: ServiceContext,
  file: { body: Buffer; fileName: string },
): Promise<{ entries: RegistryEntry[]; report: ImportReport }> {
  const parsed = /\.json$/i.test(file.fileName)
    ? readRegistryJson(file.body)
    : tableToEntries(await readRegistryFile(file.body, file.fileName), {
        matchNeeds,
        reference: await referenceFromDb(ctx.db),
      });
  const problems = [...parsed.problems];
  const rowOf = (i: number) => parsed.entries[i]?.rowNumber ?? 0;
  problems.push(
    ...registryProblems(
      parsed.entries.map((e) => e.entry),
      rowOf,
    ),
  );
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  const entries = parsed.entries.map((e) => e.entry);
  const current = (await listRegistryRows(ctx.db)).map(toEntry);
  return {
    entries,
    report: {
      fileName: file.fileName,
      rows: entries.length,
      problems,
      diff: problems.length ? null : diffRegistries(current, entries),
      versionNumber: null,
      written: false,
    },
  };
}

/**
 * Replaces the working registry with the file's rows and approves the result as a new version.
 * Nothing is written unless every row is valid; `dryRun` only reports.
 */
export async function importRegistry(
  ctx: ServiceContext,
  actor: Actor,
  file: { body: Buffer; fileName: string; dryRun?: boolean },
): Promise<ImportReport> {
  assertRole(actor, ['maintainer']);
  const { entries, report } = await inspectImport(ctx, file);
  const diff = report.diff;
  if (file.dryRun || !diff) return report;
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return report;
  const versionNumber = await approveEntries(ctx, actor, entries, `import:${file.fileName}`);
  return { ...report, versionNumber, written: true };
}

/**
 * Makes the working registry equal to `entries` and approves it as the next version; returns
 * its number, or null when nothing differs. Used by import and by the demo seed.
 */
export async function approveEntries(
  ctx: ServiceContext,
  actor: Actor,
  entries: RegistryEntry[],
  reason: string,
): Promise<number | null> {
  assertRole(actor, ['maintainer']);
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const current = (await listRegistryRows(trx)).map(toEntry);
    const diff = diffRegistries(current, entries);
    if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
    await replaceWorkingRegistry(trx, entries, now);
    const changes = [
      ...diff.added.map((e) => ({ kind: 'add' as const, e })),
      ...diff.changed.map((c) => ({ kind: 'change' as const, e: c.after })),
      ...diff.removed.map((e) => ({ kind: 'exclude' as const, e })),
    ].map(({ kind, e }) => ({
      kind,
      process: e.process,
      touchpoint: e.touchpoint,
      reason,
      proposalId: null,
    }));
    const version = await recordVersion(trx, ctx, actor, changes);
    emit('registry.versionApproved', { versionNumber: version.number });
    return version.number;
  });
}
