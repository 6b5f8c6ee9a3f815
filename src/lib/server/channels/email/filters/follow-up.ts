import { findAppealNumber } from '../../../../domain/appeals/status';
import type { Db } from '../../../db';
import type { MailFilter } from './types';

async function appealOfMessage(db: Db, ids: string[]): Promise<string | null> {
  if (!ids.length) return null;
  const bare = ids.map((id) => id.slice(1, -1));
  const inbound = await db
    .selectFrom('interactions as i')
    .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
    .select(['a.number', 'i.external_id as id'])
    .where('i.external_id', 'in', ids)
    .execute();
  const ours = await db
    .selectFrom('outbox as o')
    .innerJoin('interactions as i', 'i.id', 'o.interaction_id')
    .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
    .select(['a.number', 'o.message_id as id'])
    .where('o.message_id', 'in', [...ids, ...bare])
    .execute();
  const found = new Map<string, string>();
  for (const row of [...inbound, ...ours]) {
    if (row.id) found.set(row.id.startsWith('<') ? row.id : `<${row.id}>`, row.number);
  }
  for (const id of ids) {
    const number = found.get(id);
    if (number) return number;
  }
  return null;
}

/**
 * Threads a message into the appeal it continues (Zammad's follow_up_check): the appeal number in
 * the subject («Re: [#2026-000123] …»), then In-Reply-To, then References from the newest, each
 * matched against stored inbound Message-IDs and the Message-IDs of our own sent messages.
 */
export const followUpFilter: MailFilter = {
  name: 'follow-up',
  async run(mail, { db }) {
    const quoted = findAppealNumber(mail.parsed.subject);
    if (quoted) {
      const exists = await db
        .selectFrom('appeals')
        .select('number')
        .where('number', '=', quoted)
        .executeTakeFirst();
      if (exists) {
        mail.appealNumber = quoted;
        mail.threadedBy = 'subject';
        return;
      }
    }
    const byReply = await appealOfMessage(db, mail.parsed.inReplyTo);
    if (byReply) {
      mail.appealNumber = byReply;
      mail.threadedBy = 'in-reply-to';
      return;
    }
    const byReferences = await appealOfMessage(db, [...mail.parsed.references].reverse());
    if (byReferences) {
      mail.appealNumber = byReferences;
      mail.threadedBy = 'references';
    }
  },
};
