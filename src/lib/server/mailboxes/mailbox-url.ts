/** Server settings of a mailbox as the admin writes them on the command line. */
export interface ImapSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  sentFolder: string | null;
}

export interface SmtpSettings {
  host: string;
  port: number;
  tls: boolean;
  user: string | null;
  password: string | null;
}

export class MailboxUrlError extends Error {}

function parse(text: string, schemes: Record<string, { port: number; tls: boolean }>) {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MailboxUrlError(`not a URL: ${text}`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  const defaults = schemes[scheme];
  if (!defaults) {
    throw new MailboxUrlError(
      `expected ${Object.keys(schemes)
        .map((s) => `${s}://`)
        .join(' or ')}, got ${scheme}://`,
    );
  }
  if (!url.hostname) throw new MailboxUrlError(`no host in ${scheme}:// URL`);
  const tlsParam = url.searchParams.get('tls');
  if (tlsParam != null && !['on', 'off'].includes(tlsParam)) {
    throw new MailboxUrlError(`tls must be on or off, got ${tlsParam}`);
  }
  const port = url.port ? Number(url.port) : defaults.port;
  return {
    url,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    tls: tlsParam == null ? defaults.tls : tlsParam === 'on',
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

/** `imap[s]://USER:PASS@HOST[:PORT][/FOLDER][?tls=on|off&sent=FOLDER]`; tls=off still allows STARTTLS. */
export function parseImapUrl(text: string): ImapSettings {
  const p = parse(text, { imap: { port: 143, tls: false }, imaps: { port: 993, tls: true } });
  if (!p.user || !p.password) throw new MailboxUrlError('the IMAP URL needs USER:PASSWORD@');
  const folder = decodeURIComponent(p.url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: p.host,
    port: p.port,
    tls: p.tls,
    user: p.user,
    password: p.password,
    folder,
    sentFolder: p.url.searchParams.get('sent') || null,
  };
}

/** `smtp[s]://[USER:PASS@]HOST[:PORT][?tls=on|off]`. */
export function parseSmtpUrl(text: string): SmtpSettings {
  const p = parse(text, { smtp: { port: 587, tls: false }, smtps: { port: 465, tls: true } });
  if (p.user && !p.password) throw new MailboxUrlError('the SMTP URL has a user but no password');
  return { host: p.host, port: p.port, tls: p.tls, user: p.user, password: p.password };
}
