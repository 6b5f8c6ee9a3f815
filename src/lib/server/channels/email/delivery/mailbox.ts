import type { ImapFlowOptions } from 'imapflow';
import type { SMTPTransportOptions } from 'nodemailer';
import type { Db } from '../../../db';
import { decryptSecret } from '../../../secrets';
import { DeliveryError, DELIVERY } from './settings';

export type Mailbox = NonNullable<Awaited<ReturnType<typeof loadMailbox>>>;

async function loadMailbox(db: Db, where: { id: number } | { touchpointId: number }) {
  let q = db
    .selectFrom('mailboxes')
    .select([
      'id',
      'address',
      'display_name as displayName',
      'smtp_host as smtpHost',
      'smtp_port as smtpPort',
      'smtp_tls as smtpTls',
      'smtp_user as smtpUser',
      'smtp_password as smtpPassword',
      'imap_host as imapHost',
      'imap_port as imapPort',
      'imap_tls as imapTls',
      'imap_user as imapUser',
      'imap_password as imapPassword',
      'sent_folder as sentFolder',
    ]);
  q =
    'id' in where
      ? q.where('id', '=', where.id)
      : q.where('touchpoint_id', '=', where.touchpointId).where('active', '=', 1);
  return q.orderBy('id').executeTakeFirst();
}

/** The outbox row's own mailbox, else the active mailbox of the appeal's touchpoint. */
export async function mailboxFor(db: Db, mailboxId: number | null, touchpointId: number) {
  const found = mailboxId
    ? await loadMailbox(db, { id: mailboxId })
    : await loadMailbox(db, { touchpointId });
  // Temporary: an admin may still add or fix the mailbox.
  if (!found) throw new DeliveryError('no mailbox is configured for this touchpoint', 'temporary');
  return found;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

function secret(sealed: string | null): string | undefined {
  if (!sealed) return undefined;
  try {
    return decryptSecret(sealed);
  } catch (err) {
    throw new DeliveryError(
      `cannot decrypt the mailbox password: ${(err as Error).message}`,
      'temporary',
    );
  }
}

/** As the mailbox URLs say: tls=on is implicit TLS (smtps), off upgrades when STARTTLS is offered. */
export function smtpOptions(m: Mailbox): SMTPTransportOptions {
  return {
    host: m.smtpHost,
    port: m.smtpPort,
    secure: m.smtpTls === 1,
    auth: m.smtpUser ? { user: m.smtpUser, pass: secret(m.smtpPassword) ?? '' } : undefined,
    ...DELIVERY.smtp,
  };
}

/** tls=on is implicit TLS (imaps), off upgrades when STARTTLS is offered, as the ingest does. */
export function imapOptions(m: Mailbox): ImapFlowOptions {
  return {
    host: m.imapHost,
    port: m.imapPort,
    secure: m.imapTls === 1,
    auth: { user: m.imapUser, pass: secret(m.imapPassword) ?? '' },
    logger: false,
    disableAutoIdle: true,
    ...DELIVERY.imap,
  };
}
