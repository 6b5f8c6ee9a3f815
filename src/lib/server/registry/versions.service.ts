import { diffRegistries } from '../../domain/registry/diff';
import { moscowDate, publicationDue, workingDaysBetween } from '../../domain/calendar/working-days';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { calendarOverrides } from '../calendar/calendar.service';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import type { AppliedChange } from './apply';
import { checkEntries } from './checks';
import { listRegistryRows } from './registry.queries';
import { toEntry } from './to-entry';
import {
  findVersion,
  insertVersion,
  latestVersion,
  listVersions,
  markPublished,
  versionSnapshot,
  type VersionChange,
  type VersionRow,
} from './versions.queries';

/**
 * Freezes the working registry as the next numbered version, inside the caller's transaction.
 * The rules are checked on the whole registry first: a version that breaks them is never made.
 */
export async function recordVersion(
  trx: Db,
  ctx: ServiceContext,
  actor: Actor,
  changes: (AppliedChange & { reason: string | null; proposalId: number | null })[],
) {
  const snapshot = (await listRegistryRows(trx)).map(toEntry);
  checkEntries(snapshot);
  const previous = await latestVersion(trx);
  const before = previous ? ((await versionSnapshot(trx, previous.number)) ?? []) : [];
  const diff = diffRegistries(before, snapshot);
  const now = ctx.clock.now();
  const version = await insertVersion(trx, {
    approvedAt: now.toISOString(),
    approvedBy: actor.kind === 'user' ? actor.userId : null,
    // Seed 000 §6.5, seed 004 §31: published within 10 working days of the change.
    publishDue: publicationDue(now.toISOString(), await calendarOverrides(trx)),
    summary: {
      changes: changes.map<VersionChange>((c) => ({ ...c })),
      counts: {
        added: diff.added.length,
        removed: diff.removed.length,
        changed: diff.changed.length,
        total: snapshot.length,
      },
    },
    snapshot,
  });
  await recordAudit(trx, now, actor, {
    action: 'registry.approve',
    entity: 'registry_version',
    entityId: version.number,
    details: { changes: changes.length },
  });
  return version;
}

export interface VersionStatus extends VersionRow {
  /** Working days left to the publication deadline; negative when overdue; null once published. */
  daysLeft: number | null;
  overdue: boolean;
}

export async function versions(ctx: ServiceContext): Promise<VersionStatus[]> {
  const overrides = await calendarOverrides(ctx.db);
  const today = moscowDate(ctx.clock.now().toISOString());
  return (await listVersions(ctx.db)).map((v) => {
    if (v.publishedAt) return { ...v, daysLeft: null, overdue: false };
    const daysLeft = workingDaysBetween(today, v.publishDue, overrides);
    return { ...v, daysLeft, overdue: today > v.publishDue };
  });
}

export async function publishVersion(ctx: ServiceContext, actor: Actor, number: number) {
  assertRole(actor, ['maintainer']);
  const version = await findVersion(ctx.db, number);
  if (!version) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await inTransaction(ctx, async (trx, emit) => {
    const by = actor.kind === 'user' ? actor.userId : null;
    if (!(await markPublished(trx, number, by, ctx.clock.now().toISOString()))) {
      throw new DomainError('CONFLICT', 'registry.alreadyPublished');
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'registry.publish',
      entity: 'registry_version',
      entityId: number,
    });
    emit('registry.versionPublished', { versionNumber: number });
  });
}

export async function versionEntries(ctx: ServiceContext, number: number) {
  const entries = await versionSnapshot(ctx.db, number);
  if (!entries) throw new DomainError('NOT_FOUND', 'registry.versionUnknown', { number });
  return entries;
}

/** Field-by-field comparison of any two versions; 0 stands for the empty registry. */
export async function compareVersions(ctx: ServiceContext, from: number, to: number) {
  const a = from === 0 ? [] : await versionEntries(ctx, from);
  const b = await versionEntries(ctx, to);
  return diffRegistries(a, b);
}

/** The version the public sees: the latest published one. */
export async function publishedRegistry(ctx: ServiceContext) {
  const version = await latestVersion(ctx.db, { published: true });
  if (!version) return null;
  return { version, entries: await versionEntries(ctx, version.number) };
}
