import { appContext, SYSTEM } from '../context';
import { env } from '../env';
import { runRetention } from './retention.service';
import { privacySettings } from './settings.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_MS = 60 * 60 * 1000;

/**
 * Runs the retention policy once a day. Checked hourly against the last run recorded in the
 * database, so restarts neither skip a day nor repeat one, and several nodes share one schedule.
 */
export function startRetentionTicker(): () => Promise<void> {
  if (env().OTKLIK_PRIVACY_RETENTION === '0') return async () => {};
  let running: Promise<unknown> | null = null;
  const check = () => {
    if (running) return;
    const ctx = appContext();
    running = privacySettings(ctx.db)
      .then(async ({ lastRetentionAt }) => {
        const due = !lastRetentionAt || Date.now() - Date.parse(lastRetentionAt) >= DAY_MS;
        if (!due) return;
        const r = await runRetention(ctx, SYSTEM);
        if (r.appeals || r.clients) {
          console.log(
            `Retention (${r.years} years): anonymised ${r.appeals} appeals, ${r.clients} clients, deleted ${r.files} files`,
          );
        }
      })
      .catch((err: unknown) => console.error('Retention run failed:', err))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(check, 60_000);
  first.unref();
  const timer = setInterval(check, CHECK_MS);
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
