import {
  simpleParser,
  type AddressObject,
  type ParsedMail,
  type StructuredHeader,
} from 'mailparser';
import { readDeliveryReport, type DeliveryReport } from './dsn';
import { htmlToPlainText, sanitizeMailHtml } from './html';
import { messageIdList, normalizeMessageId, syntheticMessageId } from './message-id';
import {
  guessBoundary,
  hasHeaders,
  mimeProblems,
  rawFallback,
  withBoundary,
} from './mime-problems';
import { repairHeaderCharset } from './raw-headers';

export interface MailAddress {
  address: string | null;
  name: string | null;
}

export interface MailAttachment {
  name: string;
  contentType: string;
  content: Buffer;
  /** An image the HTML shows in place (Content-ID), not a file the client attached. */
  inline: boolean;
}

/** One e-mail as the filters see it: decoded, sanitised, with what could not be read listed. */
export interface ParsedEmail {
  /** The Message-ID, or a hash of the raw bytes when the message has none. */
  externalId: string;
  messageId: string | null;
  from: MailAddress;
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  /** The Date header, ISO; the sender's claim, not when we received it. */
  date: string | null;
  text: string;
  /** Sanitised (see html.ts); null for a plain-text message. */
  html: string | null;
  inReplyTo: string[];
  references: string[];
  /** A header as the sender wrote it (unfolded, not decoded); null when absent. */
  header(name: string): string | null;
  attachments: MailAttachment[];
  /** Set for a delivery status notification (multipart/report; report-type=delivery-status). */
  report: DeliveryReport | null;
  /** What could not be read, in words for the operator. */
  warnings: string[];
  size: number;
  /** Only the first bytes were read (see ParseOptions.truncatedAt). */
  truncated: boolean;
}

export interface ParseOptions {
  /** The message was cut at this many bytes because it is larger than we fetch. */
  truncatedAt?: number | null;
}

const REPORT_PARTS = new Set(['message/delivery-status', 'message/rfc822', 'text/rfc822-headers']);

/** Control characters but tab and line breaks: PostgreSQL refuses NUL in text, none is meant. */
const CONTROLS = /[^\P{Cc}\t\n\r]/gu;
const clean = (text: string) => text.replace(CONTROLS, '');

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((a) => a.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => ({
      address:
        clean(a.address ?? '')
          .trim()
          .toLowerCase() || null,
      name: clean(a.name ?? '').trim() || null,
    }));
}

function headerReader(parsed: ParsedMail) {
  const lines = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (lines.has(key)) continue;
    lines.set(
      key,
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
  }
  return (name: string) => lines.get(name.toLowerCase()) ?? null;
}

function contentTypeOf(parsed: ParsedMail): { value: string; params: Record<string, string> } {
  const ct = parsed.headers.get('content-type') as StructuredHeader | undefined;
  if (ct && typeof ct === 'object' && 'value' in ct) {
    return { value: String(ct.value).toLowerCase(), params: ct.params ?? {} };
  }
  return { value: 'text/plain', params: {} };
}

/** A part cut off mid-header (a truncated fetch) can come without a content type. */
function typeOf(a: ParsedMail['attachments'][number]): string {
  return typeof a.contentType === 'string' && a.contentType
    ? a.contentType
    : 'application/octet-stream';
}

function fileName(a: ParsedMail['attachments'][number], index: number): string {
  const name = clean(a.filename ?? '')
    .replace(/[\\/]/g, '_')
    .trim();
  if (name) return name;
  if (typeOf(a) === 'message/rfc822') return `письмо-${index + 1}.eml`;
  const ext =
    typeOf(a)
      .split('/')[1]
      ?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `вложение-${index + 1}.${ext}`;
}

function runParser(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepDeliveryStatus: true,
  });
}

const tidy = (text: string) =>
  clean(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/**
 * Parses raw RFC 5322 bytes with mailparser (charsets through iconv-lite: windows-1251, KOI8-R
 * and the rest, in bodies, encoded-word headers and RFC 2231 file names). Never throws: a message
 * that cannot be parsed comes back with its raw text and a warning, so the mailbox keeps going.
 */
export async function parseEmail(source: Buffer, opts: ParseOptions = {}): Promise<ParsedEmail> {
  const warnings: string[] = [];
  if (opts.truncatedAt) {
    warnings.push(
      `Письмо больше ${Math.round(opts.truncatedAt / 1048576)} МБ: прочитано только начало, вложения не сохранены. Полный текст — в почтовом ящике.`,
    );
  }
  const { raw, charset } = repairHeaderCharset(source);
  if (charset) {
    warnings.push(
      `Заголовки письма написаны в кодировке ${charset} без кодирования по RFC 2047; прочитаны как ${charset}.`,
    );
  }
  let parsed: ParsedMail;
  try {
    parsed = await runParser(raw);
  } catch (err) {
    const fallback = rawFallback(raw);
    warnings.push(`Письмо не удалось разобрать: ${err instanceof Error ? err.message : err}.`);
    return {
      ...fallback,
      subject: clean(fallback.subject),
      externalId: fallback.messageId ?? syntheticMessageId(source),
      attachments: [],
      report: null,
      warnings,
      size: source.length,
      truncated: !!opts.truncatedAt,
    };
  }
  const header = headerReader(parsed);
  const messageId = normalizeMessageId(parsed.messageId ?? header('message-id'));
  const [from] = addresses(parsed.from);
  const contentType = contentTypeOf(parsed);
  const problems = mimeProblems(raw, contentType);
  warnings.push(...problems);
  const empty = (p: ParsedMail) => !p.text?.trim() && !p.html && !p.attachments.length;
  if (problems.length && empty(parsed)) {
    const boundary = guessBoundary(raw);
    const recovered = boundary
      ? await runParser(withBoundary(raw, boundary)).catch(() => null)
      : null;
    if (recovered && !empty(recovered)) {
      parsed = { ...recovered, headers: parsed.headers, headerLines: parsed.headerLines };
      warnings.push(`Части письма прочитаны по границе «${boundary}», которая в нём встречается.`);
    }
  }
  const html = parsed.html ? clean(sanitizeMailHtml(parsed.html)) : null;
  let text = tidy(parsed.text?.trim() ? parsed.text : html ? htmlToPlainText(html) : '');
  if (empty(parsed) && (problems.length || !hasHeaders(raw))) {
    text = tidy((hasHeaders(raw) ? rawFallback(raw) : { text: raw.toString('utf8') }).text);
    if (!hasHeaders(raw)) warnings.push('У письма нет заголовков: показан текст как есть.');
  }
  if (!from?.address) warnings.push('В письме нет адреса отправителя (From).');

  const isReport =
    contentType.value === 'multipart/report' &&
    (contentType.params['report-type'] ?? '').toLowerCase() === 'delivery-status';
  const reportParts = parsed.attachments.filter((a) => REPORT_PARTS.has(a.contentType));
  const report = isReport
    ? readDeliveryReport(
        reportParts
          .filter((a) => a.contentType === 'message/delivery-status')
          .map((a) => a.content.toString('utf8'))
          .join('\n'),
        reportParts
          .filter((a) => a.contentType !== 'message/delivery-status')
          .map((a) => a.content.toString('utf8')),
        text,
      )
    : null;
  const attachments = parsed.attachments
    .filter((a) => !(isReport && REPORT_PARTS.has(a.contentType)))
    .map((a, i) => ({
      name: fileName(a, i),
      contentType: typeOf(a),
      content: a.content ?? Buffer.alloc(0),
      inline: a.related === true,
    }));

  return {
    externalId: messageId ?? syntheticMessageId(source),
    messageId,
    from: from ?? { address: null, name: null },
    replyTo: addresses(parsed.replyTo)[0]?.address ?? null,
    to: addresses(parsed.to).flatMap((a) => (a.address ? [a.address] : [])),
    cc: addresses(parsed.cc).flatMap((a) => (a.address ? [a.address] : [])),
    subject: clean(parsed.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    text,
    html,
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    header,
    attachments,
    report,
    warnings,
    size: source.length,
    truncated: !!opts.truncatedAt,
  };
}
