import type { ImapFlow } from 'imapflow';
import { imapClient } from '../imap/client';
import type { Mailbox } from './mailbox';

/** Runs `work` on a fresh IMAP session of the mailbox and logs out whatever happens. */
async function withImap<T>(mailbox: Mailbox, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(mailbox, { disableAutoIdle: true });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function search(client: ImapFlow, folder: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } finally {
    lock.release();
  }
}

/**
 * Whether the Sent folder holds the message: our own copy, or the one a provider files itself
 * for every message submitted over SMTP (Gmail, Yandex, Mail.ru, Exchange do).
 */
export function inSentFolder(mailbox: Mailbox, folder: string, messageId: string) {
  return withImap(mailbox, (client) => search(client, folder, messageId));
}

/** Files the copy unless one is there already, so a repeated call never leaves two. */
export function copyToSent(
  mailbox: Mailbox,
  folder: string,
  messageId: string,
  raw: Buffer,
  at: Date,
) {
  return withImap(mailbox, async (client) => {
    if (await search(client, folder, messageId)) return false;
    await client.append(folder, raw, ['\\Seen'], at);
    return true;
  });
}
