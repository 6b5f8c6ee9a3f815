import { normalizeMessageId } from './message-id';
import { headerEnd } from './raw-headers';

/** What is wrong with a message's MIME structure (RFC 2046 §5.1.1), in words for the operator. */
export function mimeProblems(
  raw: Buffer,
  contentType: { value: string; params: Record<string, string> },
): string[] {
  if (!contentType.value.startsWith('multipart/')) return [];
  const boundary = contentType.params.boundary;
  if (!boundary) {
    return ['Структура письма нарушена: составное письмо без границы частей (boundary).'];
  }
  const end = headerEnd(raw);
  const body = end < 0 ? '' : raw.subarray(end).toString('latin1');
  if (!body.includes(`--${boundary}`)) {
    return [`Структура письма нарушена: граница частей «${boundary}» не встречается в тексте.`];
  }
  if (!body.includes(`--${boundary}--`)) {
    return ['Структура письма нарушена: письмо обрывается, нет закрывающей границы частей.'];
  }
  return [];
}

/** True when the message starts with a header field (RFC 5322 §2.2), not with text. */
export function hasHeaders(raw: Buffer): boolean {
  return /^[\x21-\x39\x3b-\x7e]+:/.test(raw.subarray(0, 200).toString('latin1'));
}

/** The boundary a multipart body really uses: its first «--token» line. */
export function guessBoundary(raw: Buffer): string | null {
  const end = headerEnd(raw);
  if (end < 0) return null;
  const m = /^--([\x21-\x7e]{1,70}?)(--)?[ \t]*\r?$/m.exec(raw.subarray(end).toString('latin1'));
  return m ? m[1]! : null;
}

/** The raw message with its top-level boundary parameter replaced. */
export function withBoundary(raw: Buffer, boundary: string): Buffer {
  const end = headerEnd(raw);
  const head = raw
    .subarray(0, end)
    .toString('latin1')
    .replace(/(boundary\s*=\s*)("[^"]*"|[^;\s]+)/i, `$1"${boundary}"`);
  return Buffer.concat([Buffer.from(head, 'latin1'), raw.subarray(end)]);
}

/** Headers and text read without a MIME parser: the last resort for a message nothing else reads. */
export function rawFallback(raw: Buffer) {
  const end = headerEnd(raw);
  const head =
    end < 0
      ? ''
      : raw
          .subarray(0, end)
          .toString('utf8')
          .replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.subarray(end < 0 ? 0 : end).toString('utf8');
  const get = (name: string) =>
    new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  const fromHeader = get('from');
  const address = fromHeader?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0]?.toLowerCase() ?? null;
  const messageId = normalizeMessageId(get('message-id'));
  const lines = new Map<string, string>();
  for (const m of head.matchAll(/^([\w-]+):[ \t]*(.*)$/gm)) {
    if (!lines.has(m[1]!.toLowerCase())) lines.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return {
    messageId,
    from: { address, name: null },
    replyTo: null,
    to: [],
    cc: [],
    subject: get('subject') ?? '',
    date: null,
    text: body
      .replace(/\r\n?/g, '\n')
      .replace(/[^\P{Cc}\n\t]/gu, '')
      .trim(),
    html: null,
    inReplyTo: [],
    references: [],
    header: (name: string) => lines.get(name.toLowerCase()) ?? null,
  };
}
