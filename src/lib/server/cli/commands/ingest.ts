import { ingestAllOnce, startMailWatchers, type MailboxTally } from '../../channels/email';
import { deliverOutbox } from '../../channels/email/delivery';
import { appContext, type ServiceContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../command';

function line(t: MailboxTally): string {
  const done = `${t.fetched} fetched: ${t.created} new appeals, ${t.threaded} threaded, ${t.duplicates} already stored, ${t.bounces} bounces; ${t.acknowledged} acknowledgements queued`;
  return `${t.address}: ${done}${t.error ? `; ERROR ${t.error}` : ''}\n`;
}

/** Sends the whole due outbox: deliverOutbox takes one batch a call. */
async function deliverAll(ctx: ServiceContext) {
  const total = { sent: 0, failed: 0 };
  for (let round = 0; round < 1000; round++) {
    const { sent, failed } = await deliverOutbox(ctx);
    total.sent += sent;
    total.failed += failed;
    if (sent + failed === 0) break;
  }
  return total;
}

async function watch(ctx: ServiceContext, io: CliIo): Promise<number> {
  const watchers = await startMailWatchers(ctx, {
    onProgress: (t) => io.stderr(line(t)),
    onError: (m, error) => io.stderr(`${m.address}: ${error}; reconnecting\n`),
  });
  io.stdout('Watching mailboxes (IDLE with polling); Ctrl+C stops.\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watchers.stop();
  return EXIT.ok;
}

export const ingestCommand: CliCommand = {
  path: ['ingest'],
  usage: 'otklik ingest --once [--json] | otklik ingest --watch',
  summary:
    'fetch every mailbox once, store what is new, send the queued outbox, and exit (--watch: keep listening)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      once: { type: 'boolean' },
      watch: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.once === values.watch) throw new UsageError('give either --once or --watch');
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    if (values.watch) return watch(ctx, io);
    const tallies = await ingestAllOnce(ctx);
    const delivery = await deliverAll(ctx);
    if (values.json) {
      io.stdout(`${JSON.stringify({ mailboxes: tallies, delivery })}\n`);
    } else {
      if (!tallies.length) io.stdout('No active mailboxes: add one with otklik mailbox add.\n');
      for (const t of tallies) io.stdout(line(t));
      io.stdout(`Outbox: ${delivery.sent} sent, ${delivery.failed} failed.\n`);
    }
    return tallies.some((t) => t.error) ? EXIT.invalid : EXIT.ok;
  },
};
