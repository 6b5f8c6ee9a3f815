import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin, type ViteDevServer } from 'vite';

/** In dev, the same boot and socket.io attachment as production, loaded through Vite's SSR graph. */
function otklikDevServer(): Plugin {
  return {
    name: 'otklik-dev-server',
    configureServer(server: ViteDevServer) {
      server.httpServer?.once('listening', async () => {
        const { boot } = await server.ssrLoadModule('/src/lib/server/boot.ts');
        await boot();
        const { attachRealtime } = await server.ssrLoadModule('/src/lib/server/realtime/attach.ts');
        await attachRealtime(server.httpServer);
        const delivery = '/src/lib/server/channels/email/delivery/index.ts';
        const { startConfiguredDelivery } = await server.ssrLoadModule(delivery);
        const stopDelivery = startConfiguredDelivery();
        server.httpServer?.once('close', () => void stopDelivery());
        const ingest = '/src/lib/server/channels/email/ingest/watchers.ts';
        const stopIngest = await (await server.ssrLoadModule(ingest)).startConfiguredIngest();
        server.httpServer?.once('close', () => void stopIngest());
        const deadlines = '/src/lib/server/deadlines/ticker.ts';
        const stopDeadlines = (await server.ssrLoadModule(deadlines)).startDeadlineTicker();
        server.httpServer?.once('close', () => void stopDeadlines());
        const metrics = '/src/lib/server/metrics/ticker.ts';
        const stopMetrics = (await server.ssrLoadModule(metrics)).startMetricsRollup();
        server.httpServer?.once('close', () => void stopMetrics());
      });
    },
  };
}

export default defineConfig({
  plugins: [sveltekit(), otklikDevServer()],
  server: { port: 3000 },
});
