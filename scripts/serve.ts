import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { boot } from '../src/lib/server/boot';
import { startConfiguredDelivery } from '../src/lib/server/channels/email/delivery';
import { startConfiguredIngest } from '../src/lib/server/channels/email/ingest/watchers';
import { appDb } from '../src/lib/server/db';
import { startDeadlineTicker } from '../src/lib/server/deadlines/ticker';
import { startMetricsRollup } from '../src/lib/server/metrics/ticker';
import { env } from '../src/lib/server/env';
import { attachRealtime } from '../src/lib/server/realtime/attach';
import { startWebformPublishing } from '../src/lib/server/webforms/publish';
import { appContext } from '../src/lib/server/context';
import { writePidFile } from '../src/lib/server/backup/server-lock';
import { startRetentionTicker } from '../src/lib/server/privacy/ticker';

const PROTO_HEADER = 'x-otklik-proto';

/**
 * adapter-node assumes https unless told the protocol; we tell it per request: plain http
 * here, or what the proxy says when OTKLIK_TRUST_PROXY=1. ORIGIN, when set, overrides both.
 */
function withProtocol(handler: http.RequestListener, trustProxy: boolean): http.RequestListener {
  return (req, res) => {
    const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim();
    req.headers[PROTO_HEADER] = trustProxy && forwarded ? forwarded : 'http';
    if (trustProxy && !req.headers['x-forwarded-host'])
      req.headers['x-forwarded-host'] = req.headers.host;
    return handler(req, res);
  };
}

async function main() {
  const config = env();
  await boot();
  const trustProxy = config.OTKLIK_TRUST_PROXY === '1';
  // adapter-node reads these when handler.js is first imported.
  if (!config.ORIGIN) {
    process.env.PROTOCOL_HEADER ??= PROTO_HEADER;
    if (trustProxy) process.env.HOST_HEADER ??= 'x-forwarded-host';
    // Rate limits count per client: the address the proxy saw, not the proxy's own.
    if (trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
  }
  // Web-form files arrive in the request body; adapter-node refuses bodies over 512 KB by default.
  process.env.BODY_SIZE_LIMIT ??= String(
    Math.ceil((config.OTKLIK_WEBFORM_FILE_MAX_MB * config.OTKLIK_WEBFORM_FILES_MAX + 1) * 1048576),
  );
  // Bundled into build/otklik-server.mjs, beside handler.js (scripts/build-server.mjs).
  const handlerPath = path.join(import.meta.dirname, 'handler.js');
  const { handler } = (await import(pathToFileURL(handlerPath).href)) as {
    handler: http.RequestListener;
  };
  const server = http.createServer(config.ORIGIN ? handler : withProtocol(handler, trustProxy));
  const realtime = await attachRealtime(server);
  const stopDelivery = startConfiguredDelivery();
  const stopIngest = await startConfiguredIngest();
  const stopWebform = startWebformPublishing(appContext());
  const stopDeadlines = startDeadlineTicker();
  const stopRetention = startRetentionTicker();
  const stopMetrics = startMetricsRollup();
  // `otklik restore` refuses while this file names a live process.
  const removePidFile = writePidFile(config.dataDir);
  server.on('error', (err: NodeJS.ErrnoException) => {
    const hint =
      err.code === 'EADDRINUSE' ? ` — port ${config.PORT} is taken; set PORT to another` : '';
    console.error(`Cannot listen on ${config.HOST}:${config.PORT}: ${err.message}${hint}`);
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    console.log(`Otklik is running at http://${shown}:${port}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    await realtime.close();
    await stopIngest();
    await stopDelivery();
    stopWebform();
    await stopDeadlines();
    await stopRetention();
    await stopMetrics();
    await appDb().destroy();
    removePidFile();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
