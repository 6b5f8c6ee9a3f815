import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { readAttachment } from '../../../files/attachment-store';
import { domainOf, type Mailbox } from './mailbox';
import type { Outgoing } from './outgoing.queries';
import { DeliveryError } from './settings';

/** Unique per message (RFC 5322 §3.6.4); the outbox id makes it traceable to its row. */
export function newMessageId(outboxId: number, address: string): string {
  return `<otklik.${outboxId}.${randomBytes(8).toString('hex')}@${domainOf(address)}>`;
}

/**
 * «Re: …» for replies, «Auto: …» for acknowledgements (RFC 3834 §3.1.5), and always the appeal
 * number as `[#2026-000123]`, which the ingest threads by.
 */
export function outgoingSubject(o: Pick<Outgoing, 'appeal' | 'kind' | 'subject'>): string {
  const tag = `[#${o.appeal.number}]`;
  const prefix = o.kind === 'ack' ? 'Auto:' : 'Re:';
  const base = (o.subject ?? '').trim() || `${prefix} ${o.appeal.subject.trim()}`;
  return base.includes(tag) ? base : `${base} ${tag}`;
}

/** The parent's References plus its Message-ID (RFC 5322 §3.6.4), the first and last few kept. */
export function threadHeaders(parent: Outgoing['parent']) {
  if (!parent) return {};
  const chain = [...new Set([...parent.references, parent.messageId])];
  const references = chain.length > 20 ? [chain[0]!, ...chain.slice(-19)] : chain;
  return { inReplyTo: parent.messageId, references };
}

async function files(o: Outgoing) {
  const out = [];
  for (const a of o.attachments) {
    try {
      out.push({
        filename: a.name,
        contentType: a.contentType,
        content: await readAttachment(a.sha256),
      });
    } catch (err) {
      throw new DeliveryError(
        `attachment «${a.name}» cannot be read: ${(err as Error).message}`,
        'permanent',
      );
    }
  }
  return out;
}

/** The whole message once, byte for byte what goes to the SMTP server and to the Sent folder. */
export async function composeMessage(
  o: Outgoing,
  mailbox: Mailbox,
  messageId: string,
  date: Date,
): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: mailbox.display_name ?? '', address: mailbox.address },
    to: o.to,
    subject: outgoingSubject(o),
    messageId,
    date,
    ...threadHeaders(o.parent),
    // RFC 2045 §6.8: text is base64-encoded in canonical form, with CRLF line breaks.
    text: o.text.replace(/\r?\n/g, '\r\n'),
    attachments: await files(o),
    // RFC 3834 §5: an automatic response says so, and responders leave it unanswered.
    headers: o.kind === 'ack' ? { 'Auto-Submitted': 'auto-replied' } : {},
    newline: '\r\n',
  });
  return composer.compile().build();
}
