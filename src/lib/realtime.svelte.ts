import { io, type Socket } from 'socket.io-client';

/** The console's live connection; one per tab, opened by the console layout. */
export class RealtimeConnection {
  connected = $state(false);
  lastEvent = $state<{ name: string; at: string } | null>(null);
  private socket: Socket | null = null;

  open(): void {
    if (this.socket) return;
    this.socket = io({ path: '/socket.io', withCredentials: true });
    this.socket.on('connect', () => (this.connected = true));
    this.socket.on('disconnect', () => (this.connected = false));
    this.socket.on('event', (event: { name: string; at: string }) => (this.lastEvent = event));
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
    this.connected = false;
  }
}
