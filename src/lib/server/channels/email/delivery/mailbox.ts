import type { SMTPTransportOptions } from 'nodemailer';
import type { Db } from '../../../db';
import type { MailboxRow } from '../../../mailboxes/mailboxes.queries';
import { decryptSecret } from '../../../secrets';
import { DeliveryError, DELIVERY } from './settings';

export type Mailbox = MailboxRow;

/** The outbox row's own mailbox, else the active mailbox of the appeal's touchpoint. */
export async function mailboxFor(db: Db, mailboxId: number | null, touchpointId: number) {
  let q = db.selectFrom('mailboxes').selectAll();
  q = mailboxId
    ? q.where('id', '=', mailboxId)
    : q.where('touchpoint_id', '=', touchpointId).where('active', '=', 1);
  const found = await q.orderBy('id').executeTakeFirst();
  // Temporary: an admin may still add or fix the mailbox.
  if (!found) throw new DeliveryError('no mailbox is configured for this touchpoint', 'temporary');
  return found;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** As the mailbox URLs say: tls=on is implicit TLS (smtps), off upgrades when STARTTLS is offered. */
export function smtpOptions(m: Mailbox): SMTPTransportOptions {
  let pass: string;
  try {
    pass = m.smtp_password ? decryptSecret(m.smtp_password) : '';
  } catch (err) {
    const why = `cannot decrypt the SMTP password: ${(err as Error).message}`;
    throw new DeliveryError(why, 'temporary');
  }
  return {
    host: m.smtp_host,
    port: m.smtp_port,
    secure: m.smtp_tls === 1,
    auth: m.smtp_user ? { user: m.smtp_user, pass } : undefined,
    ...DELIVERY.smtp,
  };
}
