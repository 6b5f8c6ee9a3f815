import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface Delivered {
  from: string;
  to: string[];
  raw: Buffer;
}

/** An SMTP reply that refuses, e.g. `{ code: 451, message: '4.3.0 Try again later' }`. */
export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpPeer {
  port: number;
  /** Messages the peer accepted (answered 250 to), in order. */
  accepted: Delivered[];
  /** Every message whose bytes arrived, accepted or not. */
  attempts: Delivered[];
  /** Decides each RCPT TO; no refusal accepts. */
  onRcpt: (address: string) => Refusal | void;
  /** Runs after a message's bytes arrived and before the reply; no refusal accepts. */
  onData: (message: Delivered) => Promise<Refusal | void> | Refusal | void;
  /** Runs when the first bytes of a message arrive. */
  onDataStart: () => void;
  /** Credentials the peer requires, or null to accept mail without AUTH. */
  auth: { user: string; pass: string } | null;
  /** Cuts every open connection without a word, as a crashed or unplugged server would. */
  drop(): void;
  close(): Promise<void>;
}

function refusal(r: Refusal): Error {
  return Object.assign(new Error(r.message), { responseCode: r.code });
}

/** `smtp-server` on a free 127.0.0.1 port, plain text (no STARTTLS), as a real peer for tests. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const sockets = new Set<Socket>();
  const peer: SmtpPeer = {
    port: 0,
    accepted: [],
    attempts: [],
    onRcpt: () => {},
    onData: () => {},
    onDataStart: () => {},
    auth: null,
    drop: () => {
      for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const envelope = (s: SMTPServerSession) => ({
    from: s.envelope.mailFrom ? s.envelope.mailFrom.address : '',
    to: s.envelope.rcptTo.map((r) => r.address),
  });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, cb) {
      const ok = peer.auth && auth.username === peer.auth.user && auth.password === peer.auth.pass;
      if (ok) cb(null, { user: auth.username });
      else cb(refusal({ code: 535, message: '5.7.8 Authentication credentials invalid' }));
    },
    onMailFrom(_address, session, cb) {
      if (peer.auth && !session.user) {
        cb(refusal({ code: 530, message: '5.7.0 Authentication required' }));
      } else cb();
    },
    onRcptTo(address, _session, cb) {
      const r = peer.onRcpt(address.address);
      cb(r ? refusal(r) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.once('data', () => peer.onDataStart());
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const message = { ...envelope(session), raw: Buffer.concat(chunks) };
        peer.attempts.push(message);
        Promise.resolve(peer.onData(message)).then(
          (r) => {
            if (r) return cb(refusal(r));
            peer.accepted.push(message);
            cb(null, '2.0.0 Ok: queued');
          },
          (err: Error) => cb(err),
        );
      });
    },
  });
  // A client killed mid-session resets its socket; that is the point of some tests.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.server.address() as AddressInfo).port;
  server.server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  return peer;
}
