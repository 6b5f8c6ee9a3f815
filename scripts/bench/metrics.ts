// Benchmark (not a test) of the metrics on a generated database (npm run bench:generate):
// one roll-up over every day, then what the maintainer and the supervisor wait for — the registry
// page with every row's figures and the metrics page over 90 days — calling the functions their
// load functions call. Target (issue 12): p95 ≤ 300 ms.
// Usage: npm run bench:metrics [-- --database-url postgres://…] [--data DIR] [--runs 40] [--skip-rollup]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { dayStartIso, mskDay, periodOf } from '../../src/lib/domain/metrics/period';
import { fixedClock, systemClock } from '../../src/lib/server/clock';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { connect } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { appBus } from '../../src/lib/server/events/bus';
import {
  forgetToday,
  metricsReport,
  registryFigures,
} from '../../src/lib/server/metrics/metrics.service';
import { rollupMetrics } from '../../src/lib/server/metrics/rollup.service';
import { proposals, workingRegistry } from '../../src/lib/server/registry/registry.service';
import { toEntry } from '../../src/lib/server/registry/to-entry';
import { versions } from '../../src/lib/server/registry/versions.service';
import { addMetricsExtras } from './inbox/metrics-extras';
import { benchTarget } from './inbox/target';
import { percentile } from './stats';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '3' },
    'skip-rollup': { type: 'boolean' },
    data: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs) || 40);
const warmup = Math.max(0, Number(values.warmup) || 0);
const target = benchTarget(values);
const log = (line: string) => process.stderr.write(`${line}\n`);
const TARGET_P95 = 300;

async function measure(name: string, fn: () => Promise<string>) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  const cpu: number[] = [];
  let rows = '';
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    rows = await fn();
    ms.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p95 = percentile(ms, 0.95);
  console.log(
    `${name.padEnd(44)} p50 ${percentile(ms, 0.5).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms` +
      `  (cpu p95 ${percentile(cpu, 0.95).toFixed(1)} ms; ${rows})  ${p95 <= TARGET_P95 ? 'OK' : `over ${TARGET_P95} ms`}`,
  );
  return p95;
}

async function main() {
  const db = connect(target);
  const ctx: ServiceContext = { db, clock: systemClock, bus: appBus() };
  try {
    log(`Target: ${target.label}`);
    let t = performance.now();
    await migrateToLatest(db);
    log(
      `Migrations (metrics tables and indexes on an older dataset): ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const n = await db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) === 0)
      throw new Error(`${target.label} has no appeals: run npm run bench:generate first`);
    // Datasets generated before the metrics extras existed get them here.
    await addMetricsExtras(db, log);
    if (!values['skip-rollup']) {
      t = performance.now();
      const r = await rollupMetrics(ctx, { full: true });
      console.log(
        `Roll-up (full, ${Number(n.n).toLocaleString('en-US')} appeals): ${r.days} days, ${r.slices.toLocaleString('en-US')} slices in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      t = performance.now();
      const again = await rollupMetrics(ctx);
      console.log(
        `Roll-up (incremental, nothing changed): ${again.days} days in ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );
    }
    const maintainer = SYSTEM;
    const today = mskDay(Date.now());
    console.log(
      `Runs: ${runs} after ${warmup} warm-up; ${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    // The registry page's load: working registry, versions, pending proposals, figures.
    const registryPage = async (c: ServiceContext = ctx) => {
      const [rows, , , figures] = await Promise.all([
        workingRegistry(c),
        versions(c),
        proposals(c, maintainer, { status: 'pending' }),
        registryFigures(c, maintainer),
      ]);
      rows.map(toEntry);
      return `${Object.keys(figures.rows).length} rows, ${Object.keys(figures.touchpoints).length} touchpoints`;
    };
    const page = async (dimension: 'touchpoint' | 'operator', filter = {}) => {
      const r = await metricsReport(ctx, maintainer, {
        period: periodOf({ preset: '90' }, today),
        dimension,
        filter,
      });
      return `${r.rows.length} rows, volume ${r.total.volume.toLocaleString('en-US')}`;
    };
    const tp = await db
      .selectFrom('touchpoints')
      .select('id')
      .where('channel', '=', 'email')
      .executeTakeFirst();
    const byOperator = () => page('operator', { touchpointId: tp?.id ?? null });
    // Today is computed from the day's records once per change of them; a busy centre changes them
    // all the time, so the «after a change» lines are what most page views cost there.
    const afterChange = (fn: () => Promise<string>) => () => {
      forgetToday(ctx);
      return fn();
    };
    // The generated «today» ends now; a whole day of records is what a page meets at closing time.
    const lateCtx = {
      ...ctx,
      clock: fixedClock(new Date(Date.parse(dayStartIso(today)) - 60_000)),
    };
    const p95s = [
      await measure('registry page with figures (30 days)', registryPage),
      await measure('  … first view after a change today', afterChange(registryPage)),
      await measure(
        '  … the same at 23:59 of a whole day',
        afterChange(() => registryPage(lateCtx)),
      ),
      await measure('metrics page, 90 days by touchpoint', () => page('touchpoint')),
      await measure(
        '  … first view after a change today',
        afterChange(() => page('touchpoint')),
      ),
      await measure('metrics page, 90 days by operator, filtered', byOperator),
      await measure('  … first view after a change today', afterChange(byOperator)),
    ];
    const worst = Math.max(...p95s);
    console.log(
      `Worst p95: ${worst.toFixed(1)} ms — target ${TARGET_P95} ms: ${worst <= TARGET_P95 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
