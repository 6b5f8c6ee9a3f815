import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/auth.service';
import { appContext, type ServiceContext } from '../context';
import { env } from '../env';
import { rooms, roomsFor } from './rooms';

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** socket.io on the app's own HTTP server: sessions authenticate, events go to allowed rooms. */
export async function attachRealtime(
  httpServer: HttpServer,
  ctx: ServiceContext = appContext(),
  redisUrl: string | undefined = env().REDIS_URL,
): Promise<Realtime> {
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false });
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redisClients.push(pub, sub);
  }

  io.use(async (socket, next) => {
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = await resolveSession(ctx, token).catch(() => null);
    if (!session) return next(new Error('unauthenticated'));
    socket.data.user = session.user;
    next();
  });

  io.on('connection', async (socket) => {
    const user = socket.data.user as SessionUser;
    const units = await ctx.db
      .selectFrom('user_units')
      .select('unit_id')
      .where('user_id', '=', user.id)
      .execute();
    await socket.join([
      rooms.user(user.id),
      ...user.roles.map(rooms.role),
      ...units.map((u) => rooms.unit(u.unit_id)),
    ]);
    socket.emit('ready', { userId: user.id });
  });

  const unsubscribe = ctx.bus.subscribe((event) => {
    const targets = roomsFor(event);
    if (targets.length) io.to(targets).emit('event', event);
  });

  return {
    io,
    async close() {
      unsubscribe();
      await io.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
