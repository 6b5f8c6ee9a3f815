import nodemailer, { type NodemailerError } from 'nodemailer';
import { smtpOptions, type Mailbox } from './mailbox';
import { DELIVERY, DeliveryError } from './settings';

/**
 * RFC 5321 §4.2.1: 5yz refuses the message for good, 4yz for now. Failed credentials (535) are
 * the mailbox's settings, not the message, so they wait for an admin like a 4yz.
 */
export function smtpFailure(err: unknown): DeliveryError {
  const e = err as NodemailerError;
  const reason = (e.response ?? e.message ?? String(err)).trim();
  const settings = e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'ECONFIG';
  const permanent = !settings && e.permanent === true;
  return new DeliveryError(e.responseCode ? reason : `${e.code ?? 'error'}: ${reason}`, permanent);
}

/** One SMTP session per call: the raw message to one recipient, resolved once the server took it. */
export async function sendRaw(mailbox: Mailbox, to: string, raw: Buffer): Promise<string> {
  const transport = nodemailer.createTransport(smtpOptions(mailbox));
  try {
    const info = await transport.sendMail({
      envelope: { from: mailbox.address, to: [to] },
      raw,
      signal: AbortSignal.timeout(DELIVERY.sendDeadlineMs),
    });
    return info.response;
  } catch (err) {
    throw smtpFailure(err);
  } finally {
    transport.close();
  }
}
