import { normalizeMessageId } from './message-id';

/** What a delivery status notification (RFC 3464) says about the message it returns. */
export interface DeliveryReport {
  /** Message-IDs quoted in the returned message or its headers, most likely first. */
  originalIds: string[];
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
  action: string | null;
}

function field(text: string, name: string): string | null {
  const m = new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(text);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/**
 * Reads a bounce: the multipart/report parts when the server follows RFC 3464, else the quoted
 * headers in the body that older servers (qmail, Exchange) put there. `statusText` is the
 * message/delivery-status part when there is one; `quoted` the returned message or its headers.
 */
export function readDeliveryReport(
  statusText: string,
  quoted: string[],
  body: string,
): DeliveryReport {
  const ids: string[] = [];
  for (const text of [...quoted, body]) {
    for (const m of text.matchAll(
      /^(?:Original-)?Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)/gim,
    )) {
      const id = normalizeMessageId(m[1]);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  const source = statusText || body;
  const recipient = field(source, 'Final-Recipient') ?? field(source, 'Original-Recipient');
  return {
    originalIds: ids,
    recipient: recipient?.replace(/^rfc822;\s*/i, '') ?? null,
    status: field(source, 'Status'),
    diagnostic: field(source, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? null,
    action: field(source, 'Action'),
  };
}

/** The reason shown to the operator, e.g. «5.1.1 550 … Recipient address rejected». */
export function bounceReason(report: DeliveryReport): string {
  const parts = [report.status, report.diagnostic].filter(Boolean);
  return parts.length ? parts.join(' ') : 'сервер получателя вернул письмо без объяснения причины';
}
