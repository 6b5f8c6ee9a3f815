import { appContext, type ServiceContext } from '../../../context';
import { env } from '../../../env';
import { deliverOutbox } from './deliver';
import { DELIVERY } from './settings';

/**
 * Delivers in the background: at start, whenever a reply or acknowledgement is queued (the
 * event comes after its transaction commits), and every `intervalMs` for retries and for rows
 * queued by another process. Runs never overlap. The returned stop waits for a run in flight.
 */
export function startDelivery(
  ctx: ServiceContext,
  opts: { intervalMs?: number; log?: (line: string) => void } = {},
): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? DELIVERY.intervalMs;
  const log = opts.log ?? ((line) => console.error(line));
  let stopped = false;
  let again = false;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };

  async function drain() {
    do {
      again = false;
      try {
        const { sent, failed } = await deliverOutbox(ctx);
        if (sent + failed >= DELIVERY.batch) again = true;
      } catch (err) {
        log(`[delivery] ${err instanceof Error ? err.message : String(err)}`);
      }
    } while (again && !stopped);
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = drain().finally(() => {
      running = null;
      if (again && !stopped) run();
      else schedule();
    });
  }

  const unsubscribe = ctx.bus.subscribe((event) => {
    // Replies come as «out», acknowledgements as «system» interactions.
    if (event.name === 'interaction.added' && event.payload.direction !== 'in') run();
  });
  run();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    await running;
  };
}

/** The server's delivery loop on the app context, unless OTKLIK_DELIVERY=0. */
export function startConfiguredDelivery(): () => Promise<void> {
  if (env().OTKLIK_DELIVERY === '0') return async () => {};
  return startDelivery(appContext());
}
