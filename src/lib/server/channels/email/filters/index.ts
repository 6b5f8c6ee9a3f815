import { attachmentsFilter } from './attachments';
import { autoReplyFilter } from './auto-reply';
import { bounceFilter } from './bounce';
import { followUpFilter } from './follow-up';
import { senderFilter } from './sender';
import type { FilterEnv, IncomingMail, MailFilter } from './types';

/** In order: who wrote, whether a robot did, whether it returns our mail, what it continues, files. */
export const MAIL_FILTERS: readonly MailFilter[] = [
  senderFilter,
  autoReplyFilter,
  bounceFilter,
  followUpFilter,
  attachmentsFilter,
];

export async function runFilters(mail: IncomingMail, env: FilterEnv): Promise<void> {
  for (const filter of MAIL_FILTERS) await filter.run(mail, env);
}
