import { Readable } from 'node:stream';
import type { NodemailerError } from 'nodemailer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { smtpOptions, type Mailbox } from './mailbox';
import { DELIVERY, DeliveryError } from './settings';

/**
 * RFC 5321 §4.2.1: 5yz refuses the message for good, 4yz for now. Failed credentials (535) are
 * the mailbox's settings, not the message, so they wait for an admin like a 4yz. With no answer
 * at all after the end of the message, nobody knows whether the server took it.
 */
export function smtpFailure(err: unknown, endSent: boolean): DeliveryError {
  const e = err as NodemailerError;
  const reason = (e.response ?? e.message ?? String(err)).trim();
  if (!e.responseCode) {
    return new DeliveryError(
      `${e.code ?? 'error'}: ${reason}`,
      endSent ? 'uncertain' : 'temporary',
    );
  }
  const settings = e.code === 'EAUTH' || e.code === 'ENOAUTH';
  return new DeliveryError(reason, !settings && e.permanent === true ? 'permanent' : 'temporary');
}

/**
 * The message, held before its end: RFC 5321 §4.1.1.4 has the server process a transaction only
 * once the end-of-data mark arrives, and nodemailer writes that mark when this stream ends.
 * `beforeEnd` runs first, so what it records is durable before the server can take the message.
 */
function heldMessage(raw: Buffer, beforeEnd: () => Promise<void>): Readable {
  let state: 'fresh' | 'body' | 'ending' = 'fresh';
  return new Readable({
    read() {
      if (state === 'fresh') {
        state = 'body';
        this.push(raw);
      } else if (state === 'body') {
        state = 'ending';
        beforeEnd().then(
          () => this.push(null),
          (err: Error) => this.destroy(err),
        );
      }
    },
  });
}

type Cb<T> = (err: NodemailerError | null | undefined, v?: T) => void;

/** nodemailer reports a dropped connection as an event, not through the pending callback. */
function session(conn: SMTPConnection) {
  const broken = new Promise<never>((_, reject) => {
    conn.once('error', reject);
    conn.once('end', () =>
      reject(Object.assign(new Error('connection closed'), { code: 'ECONNECTION' })),
    );
  });
  broken.catch(() => {});
  return <T>(fn: (cb: Cb<T>) => void) =>
    Promise.race([
      broken,
      new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T)))),
    ]);
}

/**
 * One SMTP session: the raw message to one recipient. `beforeEnd` runs once the envelope is
 * accepted and the body handed over, right before the end-of-data mark; resolves on the 250.
 */
export async function sendRaw(
  mailbox: Mailbox,
  to: string,
  raw: Buffer,
  beforeEnd: () => Promise<void>,
): Promise<string> {
  const options = smtpOptions(mailbox);
  const conn = new SMTPConnection({ ...options, logger: false });
  conn.on('error', () => {});
  const call = session(conn);
  const deadline = setTimeout(() => conn.close(), DELIVERY.sendDeadlineMs);
  let endSent = false;
  const end = async () => {
    await beforeEnd();
    endSent = true;
  };
  try {
    await call<void>((cb) => conn.connect((err) => cb(err)));
    const auth = options.auth;
    if (auth) await call<boolean>((cb) => conn.login(auth, cb));
    const envelope = { from: mailbox.address, to: [to] };
    const info = await call<{ response: string }>((cb) =>
      conn.send(envelope, heldMessage(raw, end), cb),
    );
    conn.quit();
    return info.response;
  } catch (err) {
    conn.close();
    throw smtpFailure(err, endSent);
  } finally {
    clearTimeout(deadline);
  }
}
