import type { Channel, Mode, Need } from '../../domain/registry/vocabulary';
import type { Db } from '../db';
import type { ProposalRow } from './proposals.queries';
import { listRegistryRows } from './registry.queries';

interface Side {
  mode: Mode | null;
  channel: Channel | null;
  address: string | null;
  needs: Need[];
  needsOther: string | null;
  specifics: string | null;
}

/** A proposal as a reviewer reads it: names instead of ids, and the row before the change. */
export interface ProposalView extends Omit<ProposalRow, 'payload'> {
  area: string | null;
  process: string;
  processIsNew: boolean;
  unit: string | null;
  touchpoint: string;
  touchpointIsNew: boolean;
  before: Side | null;
  after: Side | null;
}

export async function describeProposals(db: Db, list: ProposalRow[]): Promise<ProposalView[]> {
  const rows = new Map((await listRegistryRows(db)).map((r) => [r.id, r]));
  const areas = new Map(
    (await db.selectFrom('activity_areas').select(['id', 'name']).execute()).map((a) => [
      a.id,
      a.name,
    ]),
  );
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const processes = new Map(
    (await db.selectFrom('processes').select(['id', 'name', 'area_id', 'unit_id']).execute()).map(
      (p) => [p.id, p],
    ),
  );
  const touchpoints = new Map(
    (await db.selectFrom('touchpoints').selectAll().execute()).map((t) => [t.id, t]),
  );

  return list.map(({ payload, ...p }) => {
    if (payload.kind === 'add') {
      const proc = 'id' in payload.process ? processes.get(payload.process.id) : null;
      const tp = 'id' in payload.touchpoint ? touchpoints.get(payload.touchpoint.id) : null;
      const areaId = proc
        ? proc.area_id
        : 'areaId' in payload.process
          ? payload.process.areaId
          : null;
      const unitId = proc
        ? proc.unit_id
        : 'unitId' in payload.process
          ? payload.process.unitId
          : null;
      return {
        ...p,
        area: areaId != null ? (areas.get(areaId) ?? null) : null,
        process: proc?.name ?? ('name' in payload.process ? payload.process.name : '—'),
        processIsNew: !proc,
        unit: unitId != null ? (units.get(unitId) ?? null) : null,
        touchpoint: tp?.name ?? ('name' in payload.touchpoint ? payload.touchpoint.name : '—'),
        touchpointIsNew: !tp,
        before: null,
        after: {
          mode: (tp?.mode ??
            ('mode' in payload.touchpoint ? payload.touchpoint.mode : null)) as Mode,
          channel: (tp?.channel ??
            ('channel' in payload.touchpoint ? payload.touchpoint.channel : null)) as Channel,
          address:
            tp?.address ?? ('address' in payload.touchpoint ? payload.touchpoint.address : null),
          needs: payload.needs,
          needsOther: payload.needsOther,
          specifics: payload.specifics,
        },
      };
    }
    const row = rows.get(payload.rowId);
    const before: Side | null = row
      ? {
          mode: row.mode,
          channel: row.channel,
          address: row.address,
          needs: row.needs,
          needsOther: row.needsOther,
          specifics: row.specifics,
        }
      : null;
    return {
      ...p,
      area: row?.area ?? null,
      process: row?.process ?? '—',
      processIsNew: false,
      unit: row?.unit ?? null,
      touchpoint: row?.touchpoint ?? '—',
      touchpointIsNew: false,
      before,
      after:
        payload.kind === 'exclude'
          ? null
          : {
              mode: payload.touchpoint?.mode ?? row?.mode ?? null,
              channel: payload.touchpoint?.channel ?? row?.channel ?? null,
              address: payload.touchpoint ? payload.touchpoint.address : (row?.address ?? null),
              needs: payload.needs,
              needsOther: payload.needsOther,
              specifics: payload.specifics,
            },
    };
  });
}
