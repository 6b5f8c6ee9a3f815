/**
 * A worker process for the fault tests: ingests every active mailbox once, then delivers the
 * e-mail outbox until nothing is due, on the database and data folder of process.env. It says
 * «ready» on stdout once its modules are loaded and «delivering» once the mail is in, so the test
 * can kill it at a random moment of either kind of work.
 * The time is FAULTS_NOW (the tests' fixed clock) when set.
 */
import { ingestAllOnce } from '../../src/lib/server/channels/email';
import { deliverOutbox } from '../../src/lib/server/channels/email/delivery';
import { fixedClock } from '../../src/lib/server/clock';
import { appContext } from '../../src/lib/server/context';

const ctx = appContext();
if (process.env.FAULTS_NOW) ctx.clock = fixedClock(process.env.FAULTS_NOW);
await ctx.db.selectFrom('mailboxes').select('id').limit(1).execute();
process.stdout.write('ready\n');
const tallies = await ingestAllOnce(ctx, { retryDelaysMs: [100, 200] });
process.stdout.write('delivering\n');
let sent = 0;
for (let round = 0; round < 20; round++) {
  const r = await deliverOutbox(ctx);
  sent += r.sent;
  if (r.sent + r.failed === 0) break;
}
process.stdout.write(`${JSON.stringify({ tallies, sent })}\n`);
process.exit(0);
