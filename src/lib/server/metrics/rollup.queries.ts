import { sql, type Kysely } from 'kysely';
import { MEASURE_COLUMNS, type Measures, type SliceKey } from '../../domain/metrics/measures';
import type { Db } from '../db';

// The measure columns are generated from one list (domain/metrics/measures); Kysely's table types
// name only the keys, so the statements here go through an untyped handle.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const untyped = (db: Db) => db as unknown as Kysely<any>;

export const DIMENSIONS = ['touchpoint', 'process', 'unit', 'operator', 'channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Stored per-dimension grains: the five dimensions, a registry row (touchpoint:process), all. */
export type Grain = Dimension | 'row' | 'all';
const GRAINS: Grain[] = [...DIMENSIONS, 'row', 'all'];

export const DIM_COLUMN: Record<Dimension, string> = {
  touchpoint: 'touchpoint_id',
  process: 'process_id',
  unit: 'unit_id',
  operator: 'operator_id',
  channel: 'channel',
};

export function grainKey(k: SliceKey, g: Grain): string {
  switch (g) {
    case 'touchpoint':
      return String(k.touchpointId);
    case 'process':
      return String(k.processId);
    case 'unit':
      return String(k.unitId);
    case 'operator':
      return String(k.operatorId);
    case 'channel':
      return k.channel;
    case 'row':
      return `${k.touchpointId}:${k.processId}`;
    case 'all':
      return '';
  }
}

const INSERT_BATCH = 100;

/** Replaces the stored slices of the given days with the new ones, and the per-dimension sums. */
export async function replaceDays(
  trx: Db,
  days: readonly string[],
  rows: readonly { key: SliceKey; m: Measures }[],
): Promise<void> {
  const db = untyped(trx);
  for (let i = 0; i < days.length; i += 200) {
    const part = days.slice(i, i + 200);
    await db.deleteFrom('metrics_daily').where('day', 'in', part).execute();
    await db.deleteFrom('metrics_daily_dim').where('day', 'in', part).execute();
  }
  const full = rows.map(({ key, m }) => ({
    day: key.day,
    touchpoint_id: key.touchpointId,
    process_id: key.processId,
    unit_id: key.unitId,
    operator_id: key.operatorId,
    channel: key.channel,
    ...pick(m),
  }));
  for (let i = 0; i < full.length; i += INSERT_BATCH) {
    await db
      .insertInto('metrics_daily')
      .values(full.slice(i, i + INSERT_BATCH))
      .execute();
  }
  const byGrain = new Map<string, { dim: string; day: string; dim_key: string; m: Measures }>();
  for (const { key, m } of rows) {
    for (const g of GRAINS) {
      const id = `${g}|${key.day}|${grainKey(key, g)}`;
      let acc = byGrain.get(id);
      if (!acc) {
        acc = { dim: g, day: key.day, dim_key: grainKey(key, g), m: {} };
        byGrain.set(id, acc);
      }
      for (const c of MEASURE_COLUMNS) acc.m[c] = (acc.m[c] ?? 0) + (m[c] ?? 0);
    }
  }
  const dimRows = [...byGrain.values()].map((r) => ({
    dim: r.dim,
    day: r.day,
    dim_key: r.dim_key,
    ...pick(r.m),
  }));
  for (let i = 0; i < dimRows.length; i += INSERT_BATCH) {
    await db
      .insertInto('metrics_daily_dim')
      .values(dimRows.slice(i, i + INSERT_BATCH))
      .execute();
  }
}

function pick(m: Measures): Record<string, number> {
  return Object.fromEntries(MEASURE_COLUMNS.map((c) => [c, Math.round(m[c] ?? 0)]));
}

const sums = () => MEASURE_COLUMNS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c));

function toMeasures(r: Record<string, unknown>): Measures {
  return Object.fromEntries(MEASURE_COLUMNS.map((c) => [c, Number(r[c] ?? 0)]));
}

/** Summed measures per key of one grain over the days [from, to]; no filters. */
export async function sumByGrain(
  db: Db,
  grain: Grain,
  from: string,
  to: string,
): Promise<Map<string, Measures>> {
  const rows = await untyped(db)
    .selectFrom('metrics_daily_dim')
    .select(['dim_key', ...sums()])
    .where('dim', '=', grain)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('dim_key')
    .execute();
  return new Map(rows.map((r) => [String(r.dim_key), toMeasures(r)]));
}

/** Summed measures per day of one grain's key (or all) over the days [from, to]. */
export async function sumByDay(
  db: Db,
  grain: Grain,
  key: string,
  from: string,
  to: string,
): Promise<Map<string, Measures>> {
  const rows = await untyped(db)
    .selectFrom('metrics_daily_dim')
    .select(['day', ...sums()])
    .where('dim', '=', grain)
    .where('dim_key', '=', key)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .execute();
  return new Map(rows.map((r) => [String(r.day), toMeasures(r)]));
}

export interface SliceFilter {
  touchpointId?: number | null;
  processId?: number | null;
  unitId?: number | null;
  operatorId?: number | null;
  channel?: string | null;
}

/** Summed measures from the full slices, filtered, grouped by a dimension or by day. */
export async function sumFiltered(
  db: Db,
  by: Dimension | 'day',
  from: string,
  to: string,
  f: SliceFilter,
): Promise<Map<string, Measures>> {
  const col = by === 'day' ? 'day' : DIM_COLUMN[by];
  let q = untyped(db)
    .selectFrom('metrics_daily')
    .select([sql.ref(col).as('k'), ...sums()])
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (f.touchpointId != null) q = q.where('touchpoint_id', '=', f.touchpointId);
  if (f.processId != null) q = q.where('process_id', '=', f.processId);
  if (f.unitId != null) q = q.where('unit_id', '=', f.unitId);
  if (f.operatorId != null) q = q.where('operator_id', '=', f.operatorId);
  if (f.channel != null) q = q.where('channel', '=', f.channel);
  const rows = await q.groupBy(col).execute();
  return new Map(rows.map((r) => [String(r.k), toMeasures(r)]));
}

export async function readState(db: Db, key: string): Promise<string | null> {
  const r = await db
    .selectFrom('metrics_state')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.value ?? null;
}

export async function writeState(db: Db, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('metrics_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
