import type { ClientKind, Channel, Mode } from '../../domain/registry/vocabulary';
import type { Db } from '../db';
import type { ReferenceLookup } from './formats/types';
import { referenceKey } from './formats/text';

/** What the database already knows by name, so an import keeps existing kinds and owners. */
export async function referenceFromDb(db: Db): Promise<ReferenceLookup> {
  const areas = await db
    .selectFrom('activity_areas')
    .select(['id', 'name', 'client_kind'])
    .execute();
  const areaNames = new Map(areas.map((a) => [a.id, a.name]));
  const processes = await db
    .selectFrom('processes as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.area_id', 'p.name', 'p.client_kind', 'u.name as unit'])
    .execute();
  const touchpoints = await db
    .selectFrom('touchpoints')
    .select(['name', 'mode', 'channel', 'address'])
    .execute();
  return {
    areas: new Map(areas.map((a) => [referenceKey(a.name), a.client_kind as ClientKind])),
    processes: new Map(
      processes.map((p) => [
        referenceKey(areaNames.get(p.area_id) ?? '', p.name),
        { unit: p.unit, clientKind: p.client_kind as ClientKind },
      ]),
    ),
    touchpoints: new Map(
      touchpoints.map((t) => [
        referenceKey(t.name),
        { mode: t.mode as Mode, channel: t.channel as Channel, address: t.address },
      ]),
    ),
  };
}
