import { appContext } from '../context';
import { env } from '../env';
import { rollupMetrics } from './rollup.service';

/**
 * Rolls the metrics up once at start and then every OTKLIK_METRICS_ROLLUP_MINUTES (0 turns it off
 * in this process); returns a stop function that waits for a run in progress.
 */
export function startMetricsRollup(): () => Promise<void> {
  const minutes = env().OTKLIK_METRICS_ROLLUP_MINUTES;
  if (minutes <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = rollupMetrics(appContext())
      .catch((err: unknown) => console.error('Metrics roll-up failed:', err))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, 1000);
  first.unref();
  const timer = setInterval(run, minutes * 60_000);
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
