import { addDays } from '../../domain/calendar/dates';
import { computeSlices } from '../../domain/metrics/compute';
import { REPEAT_WINDOW_DAYS } from '../../domain/metrics/definitions';
import { consecutiveRuns, dayStartIso, daysBetween, mskDay } from '../../domain/metrics/period';
import { WorkClock } from '../../domain/metrics/work-clock';
import type { ServiceContext } from '../context';
import type { Db } from '../db';
import { workTime } from '../deadlines/deadlines.queries';
import { readState, replaceDays, writeState } from './rollup.queries';
import { REPLY_OR_ACK, loadSources } from './sources.queries';

const WATERMARK = 'rollup.watermark';
/** Changes committed a little before the last run started may not have been visible to it. */
const SLACK_MS = 5 * 60_000;

export interface RollupReport {
  mode: 'full' | 'incremental' | 'since';
  days: number;
  slices: number;
  ms: number;
  watermark: string;
}

/**
 * Days whose figures may have changed since `since`: every day an event of a changed appeal, call,
 * reply, template use, survey link or answer falls on (the appeal's own days and, for repeat
 * contacts, the next 7), plus every day from the last run to today (a deadline passing with no
 * change of data still turns into a breach on its day).
 */
export async function touchedDays(db: Db, sinceIso: string, today: string): Promise<Set<string>> {
  const days = new Set<string>(daysBetween(mskDay(sinceIso), today));
  const add = (iso: string | null | undefined) => {
    if (iso) days.add(mskDay(iso));
  };
  const appeals = await db
    .selectFrom('appeals')
    .select(['created_at', 'first_response_at', 'answered_at', 'closed_at', 'answer_due_at'])
    .where('updated_at', '>=', sinceIso)
    .execute();
  for (const a of appeals) {
    const created = mskDay(a.created_at);
    for (let i = 0; i <= REPEAT_WINDOW_DAYS; i++) {
      const d = addDays(created, i);
      if (d <= today) days.add(d);
    }
    add(a.first_response_at);
    add(a.answered_at);
    add(a.closed_at);
    if (a.answer_due_at && a.answer_due_at <= dayStartIso(addDays(today, 1))) add(a.answer_due_at);
  }
  const [calls, replies, links, responses, usages] = await Promise.all([
    db.selectFrom('calls').select('started_at as at').where('updated_at', '>=', sinceIso).execute(),
    db
      .selectFrom('interactions')
      .select('at')
      .where(REPLY_OR_ACK)
      .where('at', '>=', sinceIso)
      .execute(),
    db
      .selectFrom('survey_links')
      .select('created_at as at')
      .where('created_at', '>=', sinceIso)
      .execute(),
    db
      .selectFrom('survey_responses')
      .select('created_at as at')
      .where('updated_at', '>=', sinceIso)
      .execute(),
    db
      .selectFrom('template_usage')
      .select('used_at as at')
      .where('used_at', '>=', sinceIso)
      .execute(),
  ]);
  for (const r of [...calls, ...replies, ...links, ...responses, ...usages]) add(r.at);
  return new Set([...days].filter((d) => d <= today));
}

async function firstDay(db: Db): Promise<string | null> {
  const r = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.min<string>('created_at').as('at'))
    .executeTakeFirst();
  return r?.at ? mskDay(r.at) : null;
}

/** Recomputes the given days from the source tables and stores them, a week at a time. */
export async function rollDays(ctx: ServiceContext, days: Iterable<string>): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const clock = new WorkClock(await workTime(ctx.db));
  let slices = 0;
  for (const [from, to] of consecutiveRuns(days, 7)) {
    const fromIso = dayStartIso(from);
    const toIso = dayStartIso(addDays(to, 1));
    const src = await loadSources(ctx.db, fromIso, toIso);
    const rows = computeSlices(src, fromIso, toIso, now, clock).list();
    await ctx.db.transaction().execute((trx) => replaceDays(trx, daysBetween(from, to), rows));
    slices += rows.length;
  }
  return slices;
}

/**
 * `otklik metrics rollup`: the first run (or --full) computes every day since the first appeal;
 * later runs only the days touched since the watermark; --since recomputes from a date on.
 */
export async function rollupMetrics(
  ctx: ServiceContext,
  opts: { full?: boolean; since?: string | null } = {},
): Promise<RollupReport> {
  const started = performance.now();
  const startedAt = ctx.clock.now();
  const today = mskDay(startedAt.getTime());
  const mark = await readState(ctx.db, WATERMARK);
  let mode: RollupReport['mode'];
  let days: Set<string>;
  if (opts.since) {
    mode = 'since';
    days = new Set(daysBetween(opts.since, today));
  } else if (opts.full || !mark) {
    mode = 'full';
    const first = await firstDay(ctx.db);
    days = new Set(first ? daysBetween(first < today ? first : today, today) : [today]);
  } else {
    mode = 'incremental';
    days = await touchedDays(ctx.db, new Date(Date.parse(mark) - SLACK_MS).toISOString(), today);
  }
  const slices = await rollDays(ctx, days);
  const watermark = startedAt.toISOString();
  await writeState(ctx.db, WATERMARK, watermark, watermark);
  return { mode, days: days.size, slices, ms: performance.now() - started, watermark };
}

export async function lastRollup(db: Db): Promise<string | null> {
  return readState(db, WATERMARK);
}
