import { env } from '../../../env';
import type { FetchLimits } from '../imap/fetch-new';

export function maxAttachmentBytes(): number {
  return Math.round(env().OTKLIK_ATTACHMENT_MAX_MB * 1048576);
}

/**
 * A message is fetched whole when its attachments could all be kept: base64 adds a third, plus
 * room for the text. Larger ones are read in part and recorded with a notice.
 */
export function fetchLimits(): FetchLimits {
  return {
    maxMessageBytes: Math.ceil(maxAttachmentBytes() * 1.4) + 2 * 1048576,
    batchCount: 100,
    batchBytes: 16 * 1048576,
  };
}
