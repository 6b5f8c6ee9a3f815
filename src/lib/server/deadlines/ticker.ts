import { appContext } from '../context';
import { env } from '../env';
import { deadlineTick } from './tick.service';

/** Runs the deadline watch every OTKLIK_DEADLINE_TICK_SECONDS; returns a stop function. */
export function startDeadlineTicker(): () => Promise<void> {
  const seconds = env().OTKLIK_DEADLINE_TICK_SECONDS;
  if (seconds <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deadlineTick(appContext())
      .catch((err: unknown) => console.error('Deadline watch failed:', err))
      .finally(() => {
        running = null;
      });
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
