import type { MessageKey } from '../../i18n/messages';

/**
 * What a mail server or network error means in words an admin or operator acts on; null when
 * the raw text is all we know. Checked in order: the first match wins.
 */
const RULES: readonly [RegExp, MessageKey][] = [
  [/no mailbox is configured/i, 'mailError.noMailbox'],
  [/ENOSPC|no space left/i, 'mailError.diskFull'],
  [
    /AUTHENTICATIONFAILED|invalid (login|credentials)|auth(entication)? fail|\b535\b/i,
    'mailError.auth',
  ],
  [/CERT|certificate|self[- ]signed|UNABLE_TO_VERIFY/i, 'mailError.certificate'],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/i, 'mailError.notFound'],
  [/ECONNREFUSED/i, 'mailError.refused'],
  [/ETIMEDOUT|timed? ?out|ESOCKETTIMEDOUT/i, 'mailError.timeout'],
  [/EHOSTUNREACH|ENETUNREACH/i, 'mailError.unreachable'],
  [/ECONNRESET|EPIPE|connection (closed|lost)|socket hang up/i, 'mailError.dropped'],
];

export function explainMailError(raw: string | null | undefined): MessageKey | null {
  if (!raw) return null;
  return RULES.find(([re]) => re.test(raw))?.[1] ?? null;
}
