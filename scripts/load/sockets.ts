// Console tabs: socket.io clients that sign in with the session cookie as the browser does and,
// when their node goes away, reconnect through the balancer to a node that is up (socket.io's
// own reconnection delays: 1 s ± 50 %, doubling up to 5 s).
import { io, type Socket } from 'socket.io-client';
import type { Balancer } from './balancer';

export interface Tab {
  index: number;
  socket: Socket | null;
  node: string;
  readyAt: number | null;
  lostAt: number | null;
  /** Time from losing the node to being ready on another. */
  reconnectMs: number | null;
  reconnects: number;
  attempts: number;
}

export class Tabs {
  readonly tabs: Tab[] = [];
  readonly events = new Map<string, number>();
  readonly latencies: number[] = [];
  connectErrors = 0;
  private closing = false;

  constructor(
    private lb: Balancer,
    private cookies: string[],
    private appealIds: number[],
  ) {}

  async open(count: number) {
    for (let i = 0; i < count; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, count - i) }, (_, k) => this.openTab(i + k)),
      );
    }
  }

  private openTab(index: number): Promise<void> {
    const tab: Tab = {
      index,
      socket: null,
      node: '',
      readyAt: null,
      lostAt: null,
      reconnectMs: null,
      reconnects: 0,
      attempts: 0,
    };
    this.tabs.push(tab);
    return new Promise((resolve) => this.connect(tab, index, 1000, resolve));
  }

  private connect(tab: Tab, preference: number, delay: number, onReady?: () => void) {
    if (this.closing) return;
    const target = this.lb.prefer(preference);
    tab.attempts++;
    const socket = io(target.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: { cookie: this.cookies[tab.index % this.cookies.length]! },
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    tab.socket = socket;
    tab.node = target.name;
    socket.on('event', (e: { name: string; at: string }) => {
      this.events.set(e.name, (this.events.get(e.name) ?? 0) + 1);
      this.latencies.push(Date.now() - Date.parse(e.at));
    });
    socket.once('ready', () => {
      tab.readyAt = Date.now();
      if (tab.lostAt) {
        tab.reconnectMs = tab.readyAt - tab.lostAt;
        tab.reconnects++;
      }
      // A third of the tabs have an appeal open, as operators at work do.
      if (tab.index % 3 === 0 && this.appealIds.length)
        socket.emit('appeal.open', this.appealIds[tab.index % this.appealIds.length]);
      onReady?.();
    });
    const retry = (wait: number) => {
      socket.removeAllListeners();
      socket.close();
      const jitter = wait * (0.5 + Math.random());
      setTimeout(
        () => this.connect(tab, preference + 1, Math.min(wait * 2, 5000), onReady),
        jitter,
      );
    };
    socket.once('connect_error', () => {
      this.connectErrors++;
      this.lb.markDown(target);
      retry(delay);
    });
    socket.once('disconnect', (reason) => {
      if (this.closing || reason === 'io client disconnect') return;
      tab.lostAt ??= Date.now();
      tab.readyAt = null;
      tab.reconnectMs = null;
      retry(1000);
    });
  }

  connected() {
    return this.tabs.filter((t) => t.readyAt !== null && t.socket?.connected).length;
  }

  close() {
    this.closing = true;
    for (const t of this.tabs) t.socket?.close();
  }
}
