import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { maySeeAppeal, type AppealScope } from '../../domain/appeals/visibility';
import { HEARTBEAT_MS, RELOAD_GRACE_MS } from '../../domain/presence';
import { unitIdsOf } from '../appeals/access';
import { resolveSession, SESSION_COOKIE, type SessionUser } from '../auth/auth.service';
import { appContext, type ServiceContext } from '../context';
import { env } from '../env';
import type { AppEvent } from '../events/events';
import {
  addTab,
  closeNodeTabs,
  closeTab,
  heartbeat,
  updateTab,
  viewersOf,
} from './presence.queries';
import { APPEAL_EVENTS, rooms, roomsFor } from './rooms';

export interface Realtime {
  io: Server;
  close(): Promise<void>;
}

interface SocketData {
  user: SessionUser;
  unitIds: number[];
  appealId: number | null;
  typingAt: number;
  /** The socket's events are handled one after another, in the order they came. */
  turn: Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

const appealId = (v: unknown) =>
  Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : null;

/**
 * socket.io on the app's own HTTP server: sessions authenticate, events go to the rooms allowed
 * to see them, and each tab reports presence, the appeal it has open and typing (issue 11).
 */
export async function attachRealtime(
  httpServer: HttpServer,
  ctx: ServiceContext = appContext(),
  redisUrl: string | undefined = env().REDIS_URL,
): Promise<Realtime> {
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false });
  const nodeId = randomUUID();
  const now = () => ctx.clock.now().getTime();
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redisClients.push(pub, sub);
  }

  const scopeOf = (id: number): Promise<(AppealScope & { number: string }) | undefined> =>
    ctx.db
      .selectFrom('appeals')
      .select(['unit_id as unitId', 'assignee_id as assigneeId', 'number'])
      .where('id', '=', id)
      .executeTakeFirst();

  const sendViewers = async (id: number) =>
    io
      .to(rooms.appeal(id))
      .emit('viewers', { appealId: id, viewers: await viewersOf(ctx.db, id, now()) });

  const pending = new Set<NodeJS.Timeout>();
  let closed = false;
  const presenceChanged = (userId: number) =>
    !closed &&
    io.to(rooms.role('supervisor')).emit('event', {
      name: 'presence.changed',
      payload: { userId },
      at: new Date().toISOString(),
    });

  // Without turns a quick close-then-open could write the closed appeal over the opened one: on
  // a pool the two presence updates may run on different connections, in either order.
  const handling = new Set<Promise<void>>();
  const inTurn =
    <A extends unknown[]>(socket: Socket, name: string, fn: (...args: A) => Promise<void>) =>
    (...args: A) => {
      const data = socket.data as SocketData;
      const turn = data.turn
        .then(() => fn(...args))
        .catch((err: unknown) => console.error(`[realtime] ${name} failed:`, err));
      data.turn = turn;
      handling.add(turn);
      void turn.finally(() => handling.delete(turn));
    };

  io.use(async (socket, next) => {
    const token = cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = await resolveSession(ctx, token).catch(() => null);
    if (!session) return next(new Error('unauthenticated'));
    const data: SocketData = {
      user: session.user,
      unitIds: await unitIdsOf(ctx.db, session.user.id),
      appealId: null,
      typingAt: 0,
      turn: Promise.resolve(),
    };
    socket.data = data;
    next();
  });

  const openAppeal = async (socket: Socket, raw: unknown) => {
    const data = socket.data as SocketData;
    const id = appealId(raw);
    const before = data.appealId;
    if (id === before) return;
    const scope = id != null ? await scopeOf(id) : undefined;
    const allowed =
      scope &&
      maySeeAppeal({ userId: data.user.id, roles: data.user.roles, unitIds: data.unitIds }, scope);
    if (before != null) await socket.leave(rooms.appeal(before));
    data.appealId = allowed ? id : null;
    // Counted as a viewer before it hears of viewers: whatever list it is sent has it in.
    await updateTab(ctx.db, socket.id, { appeal_id: data.appealId, typing_at: null }, now());
    if (data.appealId != null) await socket.join(rooms.appeal(data.appealId));
    if (before != null) await sendViewers(before);
    if (data.appealId != null) await sendViewers(data.appealId);
    presenceChanged(data.user.id);
  };

  io.on('connection', async (socket) => {
    const data = socket.data as SocketData;
    const user = data.user;
    await socket.join([
      rooms.user(user.id),
      ...user.roles.map(rooms.role),
      ...data.unitIds.map((u) => rooms.unit(u)),
    ]);
    await addTab(ctx.db, { socketId: socket.id, userId: user.id, nodeId }, now()).catch((err) =>
      console.error('[realtime] presence failed:', err),
    );
    presenceChanged(user.id);

    socket.on(
      'presence',
      inTurn(socket, 'presence', async (state: unknown) => {
        if (state !== 'online' && state !== 'away') return;
        await updateTab(ctx.db, socket.id, { state }, now());
        presenceChanged(user.id);
      }),
    );
    socket.on(
      'appeal.open',
      inTurn(socket, 'appeal.open', (id: unknown) => openAppeal(socket, id)),
    );
    socket.on(
      'appeal.close',
      inTurn(socket, 'appeal.close', () => openAppeal(socket, null)),
    );
    socket.on(
      'appeal.typing',
      inTurn(socket, 'appeal.typing', async () => {
        if (data.appealId == null || now() - data.typingAt < 2000) return;
        data.typingAt = now();
        await updateTab(
          ctx.db,
          socket.id,
          { typing_at: new Date(data.typingAt).toISOString() },
          now(),
        );
        await sendViewers(data.appealId);
      }),
    );
    socket.on(
      'disconnect',
      inTurn(socket, 'disconnect', async () => {
        await closeTab(ctx.db, socket.id, now());
        if (data.appealId != null) await sendViewers(data.appealId);
        if (closed) return;
        // After the reload grace: a reloaded tab is back by then and nothing changed.
        const timer = setTimeout(() => {
          pending.delete(timer);
          presenceChanged(user.id);
        }, RELOAD_GRACE_MS + 500);
        pending.add(timer);
      }),
    );
    socket.emit('ready', { userId: user.id });
  });

  const beat = setInterval(
    () =>
      void heartbeat(ctx.db, nodeId, now()).catch((err) =>
        console.error('[realtime] heartbeat failed:', err),
      ),
    HEARTBEAT_MS,
  );
  beat.unref();

  const deliver = async (event: AppEvent) => {
    const id = 'appealId' in event.payload ? event.payload.appealId : null;
    const scope = APPEAL_EVENTS.has(event.name) && id != null ? await scopeOf(id) : undefined;
    const targets = roomsFor(event, scope);
    // Clients get the appeal's number with every appeal event, to name it without a lookup.
    const sent = scope ? { ...event, payload: { ...event.payload, number: scope.number } } : event;
    if (targets.length) io.to(targets).emit('event', sent);
    // A connection keeps the rooms of the roles and units it was opened with: after a change of
    // access every tab of the user, on any node, connects again and is given the rooms anew.
    if (event.name === 'user.updated' && event.payload.access) {
      io.in(rooms.user(event.payload.userId)).disconnectSockets();
    }
  };
  const unsubscribe = ctx.bus.subscribe(
    (event) => void deliver(event).catch((err) => console.error(`[realtime] ${event.name}:`, err)),
  );

  return {
    io,
    async close() {
      closed = true;
      for (const timer of pending) clearTimeout(timer);
      unsubscribe();
      clearInterval(beat);
      await io.close();
      await Promise.all(handling);
      await closeNodeTabs(ctx.db, nodeId, now()).catch(() => undefined);
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
