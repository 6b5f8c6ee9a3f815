import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Where the header block ends: the first empty line (CRLF or bare LF), or -1 when there is none. */
export function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function declaredCharset(headers: string): string | null {
  const m = /^content-type:[^\n]*?charset\s*=\s*"?([\w.:-]+)"?/im.exec(headers);
  return m && iconv.encodingExists(m[1]!) ? m[1]! : null;
}

/**
 * Raw 8-bit headers break RFC 5322, yet Russian mail clients still send Subject and From in
 * windows-1251 or KOI8-R without encoded words. Such a header block is re-encoded as UTF-8
 * (RFC 6532 allows that) from the message's declared charset, else windows-1251, the commonest.
 * Returns the raw message unchanged when its headers are ASCII or valid UTF-8.
 */
export function repairHeaderCharset(raw: Buffer): { raw: Buffer; charset: string | null } {
  const end = headerEnd(raw);
  const head = end < 0 ? raw : raw.subarray(0, end);
  if (!head.some((b) => b >= 0x80) || isUtf8(head)) return { raw, charset: null };
  const charset = declaredCharset(head.toString('latin1')) ?? 'windows-1251';
  const fixed = Buffer.from(iconv.decode(head, charset), 'utf8');
  return { raw: end < 0 ? fixed : Buffer.concat([fixed, raw.subarray(end)]), charset };
}

/** Trace headers differ between copies of one message delivered to several mailboxes. */
const TRACE = /^(received|delivered-to|x-original-to|return-path|x-delivered-to|x-rcpt-to):/i;

/** The raw message without its trace headers: what a synthetic id is hashed from. */
export function withoutTraceHeaders(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  if (end < 0) return raw;
  const lines = raw.subarray(0, end).toString('latin1').split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (!skipping) kept.push(line);
      continue;
    }
    skipping = TRACE.test(line);
    if (!skipping) kept.push(line);
  }
  return Buffer.concat([Buffer.from(kept.join('\n'), 'latin1'), raw.subarray(end)]);
}
