import type { Channel, ClientKind, Mode, Need } from '../../domain/registry/vocabulary';
import type { Db } from '../db';

/** One working registry row with everything the form and the exports show. */
export interface RegistryRowView {
  id: number;
  areaId: number;
  area: string;
  areaClientKind: ClientKind;
  areaPosition: number;
  processId: number;
  process: string;
  clientKind: ClientKind;
  unitId: number | null;
  unit: string | null;
  touchpointId: number;
  touchpoint: string;
  mode: Mode;
  channel: Channel;
  address: string | null;
  needs: Need[];
  needsOther: string | null;
  specifics: string | null;
}

export async function listRegistryRows(db: Db): Promise<RegistryRowView[]> {
  const rows = await db
    .selectFrom('registry_rows as r')
    .innerJoin('processes as p', 'p.id', 'r.process_id')
    .innerJoin('activity_areas as a', 'a.id', 'p.area_id')
    .innerJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'r.id',
      'a.id as areaId',
      'a.name as area',
      'a.client_kind as areaClientKind',
      'a.position as areaPosition',
      'p.id as processId',
      'p.name as process',
      'p.client_kind as clientKind',
      'p.unit_id as unitId',
      'u.name as unit',
      't.id as touchpointId',
      't.name as touchpoint',
      't.mode',
      't.channel',
      't.address',
      'r.needs',
      'r.needs_other as needsOther',
      'r.specifics',
    ])
    .orderBy('a.position')
    .orderBy('p.name')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    areaClientKind: r.areaClientKind as ClientKind,
    clientKind: r.clientKind as ClientKind,
    mode: r.mode as Mode,
    channel: r.channel as Channel,
    needs: JSON.parse(r.needs) as Need[],
  }));
}

export function listAreas(db: Db) {
  return db.selectFrom('activity_areas').selectAll().orderBy('position').execute();
}

export function listProcesses(db: Db) {
  return db.selectFrom('processes').selectAll().orderBy('name').execute();
}

export function listTouchpoints(db: Db) {
  return db.selectFrom('touchpoints').selectAll().orderBy('name').execute();
}

export async function insertArea(
  db: Db,
  row: { name: string; clientKind: string; position: number; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('activity_areas')
    .values({
      name: row.name,
      client_kind: row.clientKind,
      position: row.position,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertProcess(
  db: Db,
  row: { areaId: number; name: string; unitId: number | null; clientKind: string; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('processes')
    .values({
      area_id: row.areaId,
      name: row.name,
      unit_id: row.unitId,
      client_kind: row.clientKind,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertTouchpoint(
  db: Db,
  row: {
    name: string;
    mode: string;
    channel: string;
    address: string | null;
    description: string | null;
    now: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('touchpoints')
    .values({
      name: row.name,
      mode: row.mode,
      channel: row.channel,
      address: row.address,
      description: row.description,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertRegistryRow(
  db: Db,
  row: {
    processId: number;
    touchpointId: number;
    needs: string[];
    needsOther: string | null;
    specifics: string | null;
    now: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('registry_rows')
    .values({
      process_id: row.processId,
      touchpoint_id: row.touchpointId,
      needs: JSON.stringify(row.needs),
      needs_other: row.needsOther,
      specifics: row.specifics,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateRegistryRow(
  db: Db,
  id: number,
  row: { needs: string[]; needsOther: string | null; specifics: string | null; now: string },
): Promise<void> {
  await db
    .updateTable('registry_rows')
    .set({
      needs: JSON.stringify(row.needs),
      needs_other: row.needsOther,
      specifics: row.specifics,
      updated_at: row.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteRegistryRow(db: Db, id: number): Promise<void> {
  await db
    .updateTable('registry_proposals')
    .set({ row_id: null })
    .where('row_id', '=', id)
    .execute();
  await db.deleteFrom('registry_rows').where('id', '=', id).execute();
}
