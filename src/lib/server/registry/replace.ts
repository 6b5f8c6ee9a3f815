import { normalizeEntry } from '../../domain/registry/rules';
import type { RegistryEntry } from '../../domain/registry/vocabulary';
import type { Db } from '../db';
import {
  deleteRegistryRow,
  insertArea,
  insertProcess,
  insertRegistryRow,
  insertTouchpoint,
  updateRegistryRow,
} from './registry.queries';

/** Makes the working registry equal to `entries`, reusing areas, processes and touchpoints by name. */
export async function replaceWorkingRegistry(db: Db, given: RegistryEntry[], now: string) {
  const entries = given.map(normalizeEntry);
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]),
  );
  const areas = new Map(
    (await db.selectFrom('activity_areas').select(['id', 'name', 'position']).execute()).map(
      (a) => [a.name, a],
    ),
  );
  let position = Math.max(0, ...[...areas.values()].map((a) => a.position));
  const processes = new Map(
    (await db.selectFrom('processes').select(['id', 'area_id', 'name']).execute()).map((p) => [
      `${p.area_id}\u0000${p.name}`,
      p.id,
    ]),
  );
  const touchpoints = new Map(
    (await db.selectFrom('touchpoints').select(['id', 'name']).execute()).map((t) => [
      t.name,
      t.id,
    ]),
  );
  const existing = new Map(
    (
      await db.selectFrom('registry_rows').select(['id', 'process_id', 'touchpoint_id']).execute()
    ).map((r) => [`${r.process_id}\u0000${r.touchpoint_id}`, r.id]),
  );

  const keep = new Set<number>();
  for (const e of entries) {
    let area = areas.get(e.area);
    if (!area) {
      position++;
      const id = await insertArea(db, {
        name: e.area,
        clientKind: e.areaClientKind,
        position,
        now,
      });
      area = { id, name: e.area, position };
      areas.set(e.area, area);
    } else {
      await db
        .updateTable('activity_areas')
        .set({ client_kind: e.areaClientKind })
        .where('id', '=', area.id)
        .execute();
    }
    let unitId = e.unit ? (units.get(e.unit) ?? null) : null;
    if (e.unit && unitId == null) {
      // A unit named in the file but unknown here (a fresh installation) is created, not dropped.
      const created = await db
        .insertInto('units')
        .values({ name: e.unit, short_name: null, parent_id: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      unitId = created.id;
      units.set(e.unit, unitId);
    }
    const pKey = `${area.id}\u0000${e.process}`;
    let processId = processes.get(pKey);
    if (processId == null) {
      processId = await insertProcess(db, {
        areaId: area.id,
        name: e.process,
        unitId,
        clientKind: e.processClientKind,
        now,
      });
      processes.set(pKey, processId);
    } else {
      await db
        .updateTable('processes')
        .set({ unit_id: unitId, client_kind: e.processClientKind })
        .where('id', '=', processId)
        .execute();
    }
    let touchpointId = touchpoints.get(e.touchpoint);
    if (touchpointId == null) {
      touchpointId = await insertTouchpoint(db, {
        name: e.touchpoint,
        mode: e.mode,
        channel: e.channel,
        address: e.address,
        description: null,
        now,
      });
      touchpoints.set(e.touchpoint, touchpointId);
    } else {
      await db
        .updateTable('touchpoints')
        .set({ mode: e.mode, channel: e.channel, address: e.address })
        .where('id', '=', touchpointId)
        .execute();
    }
    const rowId = existing.get(`${processId}\u0000${touchpointId}`);
    const fields = { needs: e.needs, needsOther: e.needsOther, specifics: e.specifics, now };
    if (rowId != null) {
      await updateRegistryRow(db, rowId, fields);
      keep.add(rowId);
    } else {
      keep.add(await insertRegistryRow(db, { processId, touchpointId, ...fields }));
    }
  }
  for (const id of existing.values()) if (!keep.has(id)) await deleteRegistryRow(db, id);
}
