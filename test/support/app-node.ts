// One app node in its own process for the multi-node test: the app's realtime layer on loopback
// (with REDIS_URL, through the Redis adapter) over the database the environment names. The test
// asks it over IPC to receive an appeal, as a channel adapter on that node would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiveInbound, type InboundMessage } from '../../src/lib/server/appeals/inbound.service';
import { boot } from '../../src/lib/server/boot';
import { appContext } from '../../src/lib/server/context';
import { attachRealtime } from '../../src/lib/server/realtime/attach';

async function main() {
  await boot(() => undefined);
  const ctx = appContext();
  const server = http.createServer();
  const realtime = await attachRealtime(server, ctx);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', (msg: { cmd: 'inbound'; message: InboundMessage }) => {
    if (msg.cmd !== 'inbound') return;
    receiveInbound(ctx, msg.message).then(
      (r) => process.send!({ kind: 'received', number: r.number, appealId: r.appealId }),
      (err: Error) => process.send!({ kind: 'error', message: err.message }),
    );
  });
  process.on('disconnect', () => {
    void realtime.close().finally(() => process.exit(0));
  });
  process.send!({
    kind: 'ready',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
