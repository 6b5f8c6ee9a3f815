import { createHash } from 'node:crypto';
import { withoutTraceHeaders } from './raw-headers';

/** `<local@domain>` as written in Message-ID, In-Reply-To and References (RFC 5322 §3.6.4). */
export function normalizeMessageId(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/^<|>$/g, '').trim();
  return v && /^[^\s<>]+$/.test(v) ? `<${v}>` : null;
}

/** Every message id in an In-Reply-To or References value, in order. */
export function messageIdList(value: string | string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = text.match(/<[^<>\s]+>/g) ?? text.split(/\s+/);
  return [...new Set(ids.map(normalizeMessageId).filter((id): id is string => !!id))];
}

/**
 * The id a message without Message-ID is stored under: a hash of its raw bytes, less the trace
 * headers a server adds on delivery, so the same message fetched again, from the same mailbox or
 * another, keeps its id. Never looks like a Message-ID, so no reply can thread onto it by mistake.
 */
export function syntheticMessageId(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(withoutTraceHeaders(raw)).digest('hex')}`;
}
