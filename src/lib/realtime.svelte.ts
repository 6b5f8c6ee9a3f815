import { getContext, setContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';

const KEY = Symbol('realtime');

/** The console's live connection; one per tab, opened by the console layout. */
export class RealtimeConnection {
  connected = $state(false);
  lastEvent = $state<{ name: string; at: string; payload?: Record<string, unknown> } | null>(null);
  private socket: Socket | null = null;

  open(): void {
    if (this.socket) return;
    this.socket = io({ path: '/socket.io', withCredentials: true });
    this.socket.on('connect', () => (this.connected = true));
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on(
      'event',
      (event: NonNullable<RealtimeConnection['lastEvent']>) => (this.lastEvent = event),
    );
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
    this.connected = false;
  }
}

export function provideRealtime(connection: RealtimeConnection): void {
  setContext(KEY, connection);
}

/** The layout's connection; pages watch `lastEvent` to refresh what they show. */
export function useRealtime(): RealtimeConnection {
  return getContext<RealtimeConnection>(KEY);
}
