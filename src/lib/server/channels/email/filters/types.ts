import type { NewAttachment } from '../../../appeals/interactions.queries';
import type { ClientInput } from '../../../clients/clients.service';
import type { Db } from '../../../db';
import type { MailboxRow } from '../../../mailboxes/mailboxes.queries';
import type { ParsedEmail } from '../parse/parse';

/** The reply of ours that a bounce returns, and the appeal it belongs to. */
export interface BouncedReply {
  outboxId: number;
  appealId: number;
  reason: string;
}

/** One inbound e-mail on its way through the filters; each filter fills in what it decides. */
export interface IncomingMail {
  parsed: ParsedEmail;
  mailbox: MailboxRow;
  client: ClientInput;
  /** The appeal this message continues, and how that was found. */
  appealNumber: string | null;
  threadedBy: 'subject' | 'in-reply-to' | 'references' | null;
  /** Why no acknowledgement may be sent (RFC 3834 and friends); null when one may. */
  noAck: string | null;
  bounce: BouncedReply | null;
  attachments: NewAttachment[];
  /** Parse warnings and attachment notices, shown to the operator. */
  notices: string[];
}

export interface FilterEnv {
  db: Db;
  /** Our own mailbox addresses, lower-case. */
  ownAddresses: Set<string>;
  maxAttachmentBytes: number;
}

/** A step of the ingest pipeline (Zammad's Channel::Filter): reads the mail, records a decision. */
export interface MailFilter {
  name: string;
  run(mail: IncomingMail, env: FilterEnv): void | Promise<void>;
}
