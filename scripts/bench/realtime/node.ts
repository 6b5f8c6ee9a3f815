// The server side of `npm run bench:realtime`, in its own process so that the 300 clients do not
// share its event loop: the app's realtime layer on loopback plus a driver that receives appeals
// through the same entry point every channel uses. Talks to the bench over IPC.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiveInbound } from '../../../src/lib/server/appeals/inbound.service';
import { signIn } from '../../../src/lib/server/auth/auth.service';
import { boot } from '../../../src/lib/server/boot';
import { appContext, SYSTEM } from '../../../src/lib/server/context';
import { attachRealtime } from '../../../src/lib/server/realtime/attach';
import { createUser } from '../../../src/lib/server/users/users.service';

const PASSWORD = 'bench-realtime-password';
const send = (message: unknown) => process.send!(message);

async function main() {
  await boot(() => undefined);
  const ctx = appContext();
  // One registered mailbox, no unit: every operator's console hears of every appeal.
  const { id: touchpointId } = await ctx.db
    .insertInto('touchpoints')
    .values({
      name: 'Электронная почта для нагрузочной проверки',
      mode: 'online',
      channel: 'email',
      address: 'bench@load.example',
      description: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const clients = Number(process.env.BENCH_CLIENTS);
  const supervisors = Math.max(1, Math.round(clients / 10));
  const tokens: string[] = [];
  for (let i = 0; i < clients; i++) {
    const supervisor = i < supervisors;
    const email = `bench-${i}@load.example`;
    await createUser(ctx, SYSTEM, {
      email,
      name: `Нагрузочный ${supervisor ? 'Руководитель' : 'Оператор'} ${i}`,
      password: PASSWORD,
      roles: supervisor ? ['supervisor'] : ['operator'],
      unitIds: [],
    });
    tokens.push((await signIn(ctx, { email, password: PASSWORD })).token);
  }

  const server = http.createServer();
  const realtime = await attachRealtime(server, ctx, undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 500);

  process.on('message', async (msg: { cmd: string; rate: number; seconds: number }) => {
    if (msg.cmd !== 'run') return;
    const total = msg.rate * msg.seconds;
    const started = Date.now();
    const errors: string[] = [];
    let created = 0;
    await new Promise<void>((resolve) => {
      let n = 0;
      const tick = setInterval(() => {
        // Catch up on ticks the timer missed, so the rate is the rate asked for.
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * msg.rate) + 1);
        while (n < due) {
          const i = ++n;
          receiveInbound(ctx, {
            touchpointId,
            kind: 'email',
            client: { surname: 'Поток', firstName: `Клиент${i}`, email: `flow${i}@load.example` },
            subject: `Нагрузочное обращение ${i}`,
            text: 'Здравствуйте! Проверяем, как быстро консоль узнаёт о новых обращениях.',
          })
            .then(() => created++)
            .catch((err: Error) => errors.push(err.message));
        }
        if (n >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 10);
    });
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(sample);
    send({
      kind: 'done',
      created,
      errors: errors.slice(0, 5),
      errorCount: errors.length,
      peakRss,
      peakHeap,
    });
  });
  process.on('disconnect', async () => {
    await realtime.close();
    process.exit(0);
  });
  send({ kind: 'ready', url, tokens });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
