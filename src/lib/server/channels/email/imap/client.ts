import { ImapFlow } from 'imapflow';
import type { MailboxRow } from '../../../mailboxes/mailboxes.queries';
import { decryptSecret } from '../../../secrets';

export interface ImapClientOptions {
  /** How soon after the last command IDLE starts, so new mail is pushed; imapflow's default is 15 s. */
  autoIdleDelay?: number;
  disableAutoIdle?: boolean;
}

/**
 * An imapflow client for a mailbox. tls=on is implicit TLS (imaps); tls=off still upgrades with
 * STARTTLS when the server offers it. With no IDLE capability imapflow polls (NOOP) instead.
 */
export function imapClient(mailbox: MailboxRow, opts: ImapClientOptions = {}): ImapFlow {
  return new ImapFlow({
    host: mailbox.imap_host,
    port: mailbox.imap_port,
    secure: mailbox.imap_tls === 1,
    auth: { user: mailbox.imap_user, pass: decryptSecret(mailbox.imap_password) },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    autoIdleDelay: opts.autoIdleDelay,
    disableAutoIdle: opts.disableAutoIdle,
    clientInfo: { name: 'Otklik' },
  });
}

/** What an IMAP or network error says, without the stack; shown to the admin as the last error. */
export function describeImapError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { responseText?: string; response?: unknown; code?: string };
  if (isAuthFailure(err)) {
    return `authentication failed${typeof e.response === 'string' ? `: ${e.response}` : ''}`;
  }
  return [e.code, e.responseText ?? e.message].filter(Boolean).join(': ');
}

/** Wrong credentials or a refused login: trying again at once only locks the account. */
export function isAuthFailure(err: unknown): boolean {
  return (err as { authenticationFailed?: boolean } | null)?.authenticationFailed === true;
}
