import { getContext, setContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';

const KEY = Symbol('realtime');
/** No keyboard, pointer or visible tab for this long: the operator is away. */
const IDLE_MS = 5 * 60_000;

export interface AppealViewer {
  userId: number;
  name: string;
  typing: boolean;
}

export interface RealtimeEvent {
  name: string;
  at: string;
  payload?: Record<string, unknown>;
}

/**
 * The console's live connection; one per tab, opened by the console layout. It reports the
 * tab's presence and open appeal, and after a reconnect tells pages to reload what they show
 * (`resync`), so no count stays stale after events were missed.
 */
export class RealtimeConnection {
  connected = $state(false);
  /** Who else has each appeal open, as the server last said. */
  viewers = $state<Record<number, AppealViewer[]>>({});
  userId = $state<number | null>(null);
  private socket: Socket | null = null;
  private appealId: number | null = null;
  private state: 'online' | 'away' = 'online';
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private everConnected = false;
  private detach: (() => void) | null = null;
  private listeners: ((event: RealtimeEvent) => void)[] = [];

  open(): void {
    if (this.socket) return;
    // WebSocket first: it needs no sticky sessions behind a load balancer of several nodes;
    // long polling remains for networks that block WebSocket (that path needs sticky sessions).
    const socket = io({
      path: '/socket.io',
      withCredentials: true,
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
    });
    this.socket = socket;
    socket.on('connect', () => (this.connected = true));
    socket.on('disconnect', (reason) => {
      this.connected = false;
      // The server closes a tab's connection when the user's access changed; connect again to
      // get the rooms of the new roles and units (a deactivated account is refused then).
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 300);
    });
    socket.on('ready', ({ userId }: { userId: number }) => {
      this.userId = userId;
      if (this.state === 'away') socket.emit('presence', 'away');
      if (this.appealId != null) socket.emit('appeal.open', this.appealId);
      if (this.everConnected) this.emit({ name: 'resync', at: String(Date.now()) });
      this.everConnected = true;
    });
    socket.on('event', (event: RealtimeEvent) => this.emit(event));
    socket.on('viewers', ({ appealId, viewers }: { appealId: number; viewers: AppealViewer[] }) => {
      this.viewers = { ...this.viewers, [appealId]: viewers };
    });
    this.watchActivity();
  }

  /**
   * Calls `listener` with every event from now on, and with `resync` after a reconnect (events
   * may have been missed). Every event reaches it, however close together they come; returns
   * the unsubscribe, so `$effect(() => realtime.onEvent(...))` listens while a component lives.
   */
  onEvent(listener: (event: RealtimeEvent) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private emit(event: RealtimeEvent) {
    for (const listener of this.listeners) listener(event);
  }

  /** The appeal this tab shows (null: none); others viewing it see this user. */
  viewAppeal(id: number | null): void {
    if (id === this.appealId) return;
    this.appealId = id;
    this.socket?.emit(id == null ? 'appeal.close' : 'appeal.open', id);
  }

  /** The operator is writing a reply to the open appeal. */
  typing(): void {
    this.socket?.emit('appeal.typing');
  }

  close(): void {
    this.detach?.();
    this.socket?.close();
    this.socket = null;
    this.connected = false;
  }

  private setState(state: 'online' | 'away') {
    if (state === this.state) return;
    this.state = state;
    this.socket?.emit('presence', state);
  }

  private watchActivity() {
    const active = () => {
      clearTimeout(this.idleTimer);
      if (document.visibilityState === 'visible') this.setState('online');
      this.idleTimer = setTimeout(() => this.setState('away'), IDLE_MS);
    };
    const visibility = () =>
      document.visibilityState === 'hidden' ? this.setState('away') : active();
    const events = ['keydown', 'pointerdown', 'pointermove', 'focus'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    document.addEventListener('visibilitychange', visibility);
    active();
    this.detach = () => {
      clearTimeout(this.idleTimer);
      for (const e of events) window.removeEventListener(e, active);
      document.removeEventListener('visibilitychange', visibility);
    };
  }
}

export function provideRealtime(connection: RealtimeConnection): void {
  setContext(KEY, connection);
}

/** The layout's connection; pages listen to its events to refresh what they show. */
export function useRealtime(): RealtimeConnection {
  return getContext<RealtimeConnection>(KEY);
}
