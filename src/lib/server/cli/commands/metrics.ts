import { isIsoDate } from '../../../domain/calendar/dates';
import { appContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { rollupMetrics } from '../../metrics/rollup.service';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../command';

export const metricsRollupCommand: CliCommand = {
  path: ['metrics', 'rollup'],
  usage: 'otklik metrics rollup [--since YYYY-MM-DD] [--full]',
  summary:
    'roll the metrics up by day: the days changed since the last run, every day since a date (--since), or all (--full)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      since: { type: 'string' },
      full: { type: 'boolean' },
    });
    if (values.since != null && !isIsoDate(values.since)) {
      throw new UsageError(`--since takes a date like 2026-01-31, got ${values.since}`);
    }
    if (values.since != null && values.full)
      throw new UsageError('--since and --full exclude each other');
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const r = await rollupMetrics(ctx, { full: values.full, since: values.since ?? null });
    io.stdout(
      `Metrics rolled up (${r.mode}): ${r.days} days, ${r.slices} slices in ${(r.ms / 1000).toFixed(1)} s; watermark ${r.watermark}.\n`,
    );
    return EXIT.ok;
  },
};
