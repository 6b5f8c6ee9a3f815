import { NEEDS, type Need } from '../../domain/registry/vocabulary';
import type { Db } from '../db';
import { DomainError } from '../errors';
import type { ProposalPayload } from './proposal-payload';
import {
  deleteRegistryRow,
  insertProcess,
  insertRegistryRow,
  insertTouchpoint,
  updateRegistryRow,
} from './registry.queries';

/** Needs are kept in the numbering of seed 000 §4.9. */
const inOrder = (needs: readonly Need[]) => NEEDS.filter((n) => needs.includes(n));

export interface AppliedChange {
  kind: ProposalPayload['kind'];
  process: string;
  touchpoint: string;
}

async function rowNames(db: Db, rowId: number) {
  const row = await db
    .selectFrom('registry_rows as r')
    .innerJoin('processes as p', 'p.id', 'r.process_id')
    .innerJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
    .select([
      'r.id',
      'r.touchpoint_id as touchpointId',
      'p.name as process',
      't.name as touchpoint',
    ])
    .where('r.id', '=', rowId)
    .executeTakeFirst();
  if (!row) throw new DomainError('CONFLICT', 'registry.rowGone', { rowId });
  return row;
}

async function resolveProcess(
  db: Db,
  ref: Extract<ProposalPayload, { kind: 'add' }>['process'],
  now: string,
) {
  if ('id' in ref) {
    const p = await db
      .selectFrom('processes')
      .select(['id', 'name'])
      .where('id', '=', ref.id)
      .executeTakeFirst();
    if (!p) throw new DomainError('INVALID', 'registry.processUnknown');
    return p;
  }
  const area = await db
    .selectFrom('activity_areas')
    .select('id')
    .where('id', '=', ref.areaId)
    .executeTakeFirst();
  if (!area) throw new DomainError('INVALID', 'registry.areaUnknown');
  const same = await db
    .selectFrom('processes')
    .select(['id', 'name'])
    .where('area_id', '=', ref.areaId)
    .where('name', '=', ref.name)
    .executeTakeFirst();
  if (same) return same;
  return { id: await insertProcess(db, { ...ref, now }), name: ref.name };
}

async function resolveTouchpoint(
  db: Db,
  ref: Extract<ProposalPayload, { kind: 'add' }>['touchpoint'],
  now: string,
) {
  const found = await db
    .selectFrom('touchpoints')
    .select(['id', 'name'])
    .where((eb) => ('id' in ref ? eb('id', '=', ref.id) : eb('name', '=', ref.name)))
    .executeTakeFirst();
  if (found) return found;
  if ('id' in ref) throw new DomainError('INVALID', 'registry.touchpointUnknown');
  return { id: await insertTouchpoint(db, { ...ref, now }), name: ref.name };
}

/** Applies one approved change to the working registry inside the caller's transaction. */
export async function applyChange(
  db: Db,
  change: ProposalPayload,
  now: string,
): Promise<AppliedChange> {
  if (change.kind === 'exclude') {
    const row = await rowNames(db, change.rowId);
    await deleteRegistryRow(db, row.id);
    return { kind: change.kind, process: row.process, touchpoint: row.touchpoint };
  }
  if (change.kind === 'change') {
    const row = await rowNames(db, change.rowId);
    await updateRegistryRow(db, row.id, { ...change, needs: inOrder(change.needs), now });
    if (change.touchpoint) {
      await db
        .updateTable('touchpoints')
        .set(change.touchpoint)
        .where('id', '=', row.touchpointId)
        .execute();
    }
    return { kind: change.kind, process: row.process, touchpoint: row.touchpoint };
  }
  const process = await resolveProcess(db, change.process, now);
  const touchpoint = await resolveTouchpoint(db, change.touchpoint, now);
  const existing = await db
    .selectFrom('registry_rows')
    .select('id')
    .where('process_id', '=', process.id)
    .where('touchpoint_id', '=', touchpoint.id)
    .executeTakeFirst();
  // Seed 000 §4.11: one touchpoint appears once per process; stages are needs of that row.
  if (existing) {
    throw new DomainError('INVALID', 'registry.duplicateRow', {
      process: process.name,
      touchpoint: touchpoint.name,
    });
  }
  await insertRegistryRow(db, {
    processId: process.id,
    touchpointId: touchpoint.id,
    needs: inOrder(change.needs),
    needsOther: change.needsOther,
    specifics: change.specifics,
    now,
  });
  return { kind: change.kind, process: process.name, touchpoint: touchpoint.name };
}
