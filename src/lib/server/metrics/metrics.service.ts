import { addDays } from '../../domain/calendar/dates';
import { computeSlices } from '../../domain/metrics/compute';
import {
  figuresOf,
  flagsFor,
  type Figures,
  type Flag,
  type FlagThresholds,
} from '../../domain/metrics/figures';
import {
  addMeasures,
  emptyMeasures,
  type Measures,
  type SliceKey,
  type SliceSums,
} from '../../domain/metrics/measures';
import { dayStartIso, daysBetween, mskDay, type Period } from '../../domain/metrics/period';
import { WorkClock } from '../../domain/metrics/work-clock';
import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import { workTime } from '../deadlines/deadlines.queries';
import {
  DIMENSIONS,
  grainKey,
  sumByDay,
  sumByGrain,
  sumFiltered,
  type Dimension,
  type Grain,
  type SliceFilter,
} from './rollup.queries';
import { metricsSettings } from './settings.service';
import { loadSources } from './sources.queries';

export { DIMENSIONS, type Dimension, type SliceFilter };

export const METRICS_ROLES = ['maintainer', 'supervisor'] as const;

/**
 * Today's slices computed from the source tables at the moment of the request. The stored roll-up
 * covers the days before today; today comes live, so a survey answered a second ago already shows
 * (issue 12) while a page still reads only one day of raw records, through the same indexes and
 * the same definitions as the roll-up. The result is kept while nothing it depends on changed:
 * the newest write of each source table (an indexed max) and the minute (deadlines pass by time).
 */
async function liveToday(ctx: ServiceContext, today: string) {
  const sig = await changeSignature(ctx, today);
  const cached = liveCache.get(ctx.db);
  if (cached && cached.sig === sig) return cached.rows;
  // Pages opened together after one change share one computation.
  const rows = computeToday(ctx, today);
  liveCache.set(ctx.db, { sig, rows });
  rows.catch(() => {
    if (liveCache.get(ctx.db)?.rows === rows) liveCache.delete(ctx.db);
  });
  return rows;
}

type Slices = ReturnType<SliceSums['list']>;
const liveCache = new WeakMap<object, { sig: string; rows: Promise<Slices> }>();

/** For the benchmark: the next page computes today again, as after any change. */
export const forgetToday = (ctx: ServiceContext) => liveCache.delete(ctx.db);

async function changeSignature(ctx: ServiceContext, today: string): Promise<string> {
  const db = ctx.db;
  const one = <T>(q: Promise<T | undefined>) => q.then((r) => JSON.stringify(r ?? null));
  const parts = await Promise.all([
    one(
      db
        .selectFrom('appeals')
        .select((eb) => eb.fn.max('updated_at').as('m'))
        .executeTakeFirst(),
    ),
    one(
      db
        .selectFrom('interactions')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst(),
    ),
    one(
      db
        .selectFrom('calls')
        .select((eb) => eb.fn.max('updated_at').as('m'))
        .executeTakeFirst(),
    ),
    one(
      db
        .selectFrom('survey_responses')
        .select((eb) => eb.fn.max('updated_at').as('m'))
        .executeTakeFirst(),
    ),
    one(
      db
        .selectFrom('survey_links')
        .select((eb) => eb.fn.max('created_at').as('m'))
        .executeTakeFirst(),
    ),
    one(
      db
        .selectFrom('template_usage')
        .select((eb) => eb.fn.max('used_at').as('m'))
        .executeTakeFirst(),
    ),
  ]);
  return [today, Math.floor(ctx.clock.now().getTime() / 60_000), ...parts].join('|');
}

async function computeToday(ctx: ServiceContext, today: string) {
  const fromIso = dayStartIso(today);
  const toIso = dayStartIso(addDays(today, 1));
  const [src, work] = await Promise.all([loadSources(ctx.db, fromIso, toIso), workTime(ctx.db)]);
  return computeSlices(
    src,
    fromIso,
    toIso,
    ctx.clock.now().toISOString(),
    new WorkClock(work),
  ).list();
}

function matchesFilter(k: SliceKey, f: SliceFilter): boolean {
  return (
    (f.touchpointId == null || k.touchpointId === f.touchpointId) &&
    (f.processId == null || k.processId === f.processId) &&
    (f.unitId == null || k.unitId === f.unitId) &&
    (f.operatorId == null || k.operatorId === f.operatorId) &&
    (f.channel == null || k.channel === f.channel)
  );
}

const hasFilter = (f: SliceFilter) =>
  f.touchpointId != null ||
  f.processId != null ||
  f.unitId != null ||
  f.operatorId != null ||
  f.channel != null;

function merge(into: Map<string, Measures>, key: string, m: Measures) {
  const acc = into.get(key) ?? emptyMeasures();
  into.set(key, addMeasures(acc, m));
}

/** Measures per key of a grain over a period: stored days, then today live. */
async function measuresBy(
  ctx: ServiceContext,
  grain: Grain,
  period: Period,
  filter: SliceFilter,
  today: string,
): Promise<{ byKey: Map<string, Measures>; byDay: Map<string, Measures> }> {
  const storedTo = period.to < today ? period.to : addDays(today, -1);
  const stored = period.from <= storedTo;
  const filtered = hasFilter(filter);
  const [byKey, byDay, live] = await Promise.all([
    !stored
      ? new Map<string, Measures>()
      : filtered && grain !== 'all' && grain !== 'row'
        ? sumFiltered(ctx.db, grain, period.from, storedTo, filter)
        : sumByGrain(ctx.db, grain, period.from, storedTo),
    !stored
      ? new Map<string, Measures>()
      : filtered
        ? sumFiltered(ctx.db, 'day', period.from, storedTo, filter)
        : sumByDay(ctx.db, 'all', '', period.from, storedTo),
    period.to >= today ? liveToday(ctx, today) : Promise.resolve([]),
  ]);
  for (const { key, m } of live) {
    if (!matchesFilter(key, filter)) continue;
    merge(byKey, grainKey(key, grain), m);
    merge(byDay, key.day, m);
  }
  return { byKey, byDay };
}

async function labels(ctx: ServiceContext, dim: Dimension): Promise<Map<string, string>> {
  const db = ctx.db;
  const rows =
    dim === 'touchpoint'
      ? await db.selectFrom('touchpoints').select(['id', 'name']).execute()
      : dim === 'process'
        ? await db.selectFrom('processes').select(['id', 'name']).execute()
        : dim === 'unit'
          ? await db.selectFrom('units').select(['id', 'name']).execute()
          : dim === 'operator'
            ? await db.selectFrom('users').select(['id', 'name']).execute()
            : [];
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

export interface MetricsRow {
  key: string;
  /** The name of the touchpoint, process, unit or operator; null for «not set» and for channels. */
  label: string | null;
  figures: Figures;
}

export interface MetricsReport {
  period: Period;
  dimension: Dimension;
  rows: MetricsRow[];
  total: Figures;
  series: { day: string; figures: Figures }[];
  lastRollup: string | null;
}

/** The metrics page: figures per value of a dimension and per day over a period, with filters. */
export async function metricsReport(
  ctx: ServiceContext,
  actor: Actor,
  q: { period: Period; dimension: Dimension; filter: SliceFilter },
): Promise<MetricsReport> {
  assertRole(actor, METRICS_ROLES);
  const today = mskDay(ctx.clock.now().getTime());
  const [{ byKey, byDay }, names, mark] = await Promise.all([
    measuresBy(ctx, q.dimension, q.period, q.filter, today),
    labels(ctx, q.dimension),
    ctx.db
      .selectFrom('metrics_state')
      .select('value')
      .where('key', '=', 'rollup.watermark')
      .executeTakeFirst(),
  ]);
  const total = emptyMeasures();
  for (const m of byDay.values()) addMeasures(total, m);
  const rows = [...byKey.entries()]
    .map(([key, m]) => ({
      key,
      label: q.dimension === 'channel' ? null : (names.get(key) ?? null),
      figures: figuresOf(m),
    }))
    .filter((r) => hasAny(r.figures))
    .sort(
      (a, b) =>
        b.figures.volume - a.figures.volume ||
        (a.label ?? a.key).localeCompare(b.label ?? b.key, 'ru'),
    );
  const series = daysBetween(q.period.from, q.period.to).map((day) => ({
    day,
    figures: figuresOf(byDay.get(day) ?? emptyMeasures()),
  }));
  return {
    period: q.period,
    dimension: q.dimension,
    rows,
    total: figuresOf(total),
    series,
    lastRollup: mark?.value ?? null,
  };
}

const hasAny = (f: Figures) =>
  f.volume > 0 ||
  f.calls > 0 ||
  f.replies > 0 ||
  f.satResponses > 0 ||
  f.compliance != null ||
  f.answerMedianMs != null ||
  f.responseRate != null;

export interface RegistryFigure {
  figures: Figures;
  flags: Flag[];
}

export interface RegistryFigures {
  period: Period;
  thresholds: FlagThresholds;
  /** Keyed by `${touchpointId}:${processId}`. */
  rows: Record<string, RegistryFigure>;
  touchpoints: Record<string, RegistryFigure>;
}

/** Processes with at least one published reply template. */
async function processesWithTemplates(ctx: ServiceContext): Promise<Set<number>> {
  const rows = await ctx.db
    .selectFrom('template_processes as tp')
    .innerJoin('templates as t', 't.id', 'tp.template_id')
    .select('tp.process_id')
    .where('t.status', '=', 'published')
    .where('t.kind', '=', 'reply')
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.process_id));
}

/**
 * Issue 12, fed back into the registry: each registry row's and touchpoint's figures over the last
 * `windowDays` days (a setting, 30 by default) with their flags.
 */
export async function registryFigures(
  ctx: ServiceContext,
  actor: Actor,
  opts: { windowDays?: number } = {},
): Promise<RegistryFigures> {
  assertRole(actor, ['maintainer', 'supervisor', 'admin']);
  const thresholds = await metricsSettings(ctx.db);
  const today = mskDay(ctx.clock.now().getTime());
  const days = opts.windowDays ?? thresholds.windowDays;
  const period = { from: addDays(today, -(days - 1)), to: today };
  const [byRow, byTouchpoint, withTemplates, registry] = await Promise.all([
    measuresBy(ctx, 'row', period, {}, today),
    measuresBy(ctx, 'touchpoint', period, {}, today),
    processesWithTemplates(ctx),
    ctx.db.selectFrom('registry_rows').select(['touchpoint_id', 'process_id']).execute(),
  ]);
  const rows: Record<string, RegistryFigure> = {};
  const touchpoints: Record<string, RegistryFigure> = {};
  const processesOf = new Map<number, number[]>();
  for (const r of registry) {
    const key = `${r.touchpoint_id}:${r.process_id}`;
    const figures = figuresOf(byRow.byKey.get(key) ?? emptyMeasures());
    rows[key] = {
      figures,
      flags: flagsFor(
        figures,
        thresholds,
        withTemplates.has(r.process_id),
        figures.volume + figures.calls,
      ),
    };
    processesOf.set(r.touchpoint_id, [...(processesOf.get(r.touchpoint_id) ?? []), r.process_id]);
  }
  for (const [tp, procs] of processesOf) {
    const figures = figuresOf(byTouchpoint.byKey.get(String(tp)) ?? emptyMeasures());
    touchpoints[String(tp)] = {
      figures,
      flags: flagsFor(
        figures,
        thresholds,
        procs.every((p) => withTemplates.has(p)),
        figures.volume + figures.calls,
      ),
    };
  }
  return { period, thresholds, rows, touchpoints };
}
