import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { signIn } from '../../src/lib/server/auth/auth.service';
import type { ServiceContext } from '../../src/lib/server/context';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/attach';
import { TEST_PASSWORD } from './factories';

/**
 * In-process app nodes with the realtime layer on loopback, and console connections to them as
 * the browser makes them (WebSocket, the session cookie). `closeAll` ends both.
 */
export function realtimeNodes() {
  const nodes: { server: http.Server; realtime: Realtime }[] = [];
  const sockets: Socket[] = [];
  return {
    /** A node over `ctx`'s database (through Redis when given); returns its URL. */
    async start(ctx: ServiceContext, redisUrl?: string): Promise<string> {
      const server = http.createServer();
      const realtime = await attachRealtime(server, ctx, redisUrl);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      nodes.push({ server, realtime });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    /** A connection with this session token (none: anonymous), once the server says «ready». */
    async connect(url: string, token: string | null): Promise<Socket> {
      const socket = connectClient(url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: token ? { cookie: `otklik_session=${token}` } : {},
        reconnection: false,
      });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    },
    /** Signs the user in (password TEST_PASSWORD) and connects as them. */
    async connectAs(url: string, ctx: ServiceContext, email: string): Promise<Socket> {
      const { token } = await signIn(ctx, { email, password: TEST_PASSWORD });
      return this.connect(url, token);
    },
    async closeAll(): Promise<void> {
      for (const s of sockets.splice(0)) s.close();
      for (const { server, realtime } of nodes.splice(0)) {
        await realtime.close();
        server.close();
      }
    },
  };
}
