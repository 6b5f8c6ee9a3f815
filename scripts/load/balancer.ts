// What a load balancer in front of the nodes does: round robin over the nodes it believes up; a
// node whose connection fails is taken out and probed (TCP connect) until it answers again.
import net from 'node:net';

export interface Target {
  name: string;
  url: string;
  up: boolean;
  downSince: number | null;
}

export class Balancer {
  readonly targets: Target[];
  private next = 0;
  private probe: NodeJS.Timeout;

  constructor(nodes: { name: string; url: string }[]) {
    this.targets = nodes.map((n) => ({ ...n, up: true, downSince: null }));
    this.probe = setInterval(() => this.probeDown(), 1000);
  }

  pick(avoid?: Target): Target {
    const up = this.targets.filter((t) => t.up && t !== avoid);
    const pool = up.length ? up : this.targets.filter((t) => t !== avoid);
    return pool[this.next++ % pool.length] ?? this.targets[0]!;
  }

  /** The target of a node by its preference order: the first that is up. */
  prefer(index: number): Target {
    for (let i = 0; i < this.targets.length; i++) {
      const t = this.targets[(index + i) % this.targets.length]!;
      if (t.up) return t;
    }
    return this.targets[index % this.targets.length]!;
  }

  markDown(t: Target) {
    if (!t.up) return;
    t.up = false;
    t.downSince = Date.now();
  }

  close() {
    clearInterval(this.probe);
  }

  private probeDown() {
    for (const t of this.targets.filter((x) => !x.up)) {
      const { hostname, port } = new URL(t.url);
      const socket = net.connect({ host: hostname, port: Number(port) });
      socket.setTimeout(800);
      socket.once('connect', () => {
        t.up = true;
        t.downSince = null;
        socket.destroy();
      });
      socket.once('error', () => socket.destroy());
      socket.once('timeout', () => socket.destroy());
    }
  }
}

/** A failure to talk to the node at all (refused, reset, closed), as opposed to an HTTP answer. */
export function isConnectionError(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code ?? '';
  return (
    /ECONNREFUSED|ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED/.test(code) ||
    /other side closed|socket hang up/i.test(cause?.message ?? '')
  );
}
