import { bounceReason, readDeliveryReport } from '../parse/dsn';
import type { ParsedEmail } from '../parse/parse';
import type { MailFilter } from './types';

const DAEMON = /^(mailer-daemon|postmaster)@/i;

/** A delivery report, or a bounce from an older server that quotes the returned message's headers. */
function reportOf(mail: ParsedEmail) {
  if (mail.report) return mail.report;
  const nullSender = /^<\s*>$/.test(mail.header('return-path') ?? '');
  if (!DAEMON.test(mail.from.address ?? '') && !nullSender) return null;
  const quoted = mail.attachments
    .filter((a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers')
    .map((a) => a.content.toString('utf8'));
  const report = readDeliveryReport('', quoted, mail.text);
  return report.originalIds.length ? report : null;
}

/**
 * A bounce of one of our messages (reply or acknowledgement) belongs to that message's appeal:
 * its original Message-ID is looked up among the ids the outbox recorded before sending.
 */
export const bounceFilter: MailFilter = {
  name: 'bounce',
  async run(mail, { db }) {
    const report = reportOf(mail.parsed);
    if (!report) return;
    mail.noAck ??= 'delivery report';
    const ids = report.originalIds.flatMap((id) => [id, id.slice(1, -1)]);
    const sent = await db
      .selectFrom('outbox as o')
      .innerJoin('interactions as i', 'i.id', 'o.interaction_id')
      .select(['o.id', 'i.appeal_id as appealId'])
      .where('o.message_id', 'in', ids)
      .orderBy('o.id', 'desc')
      .executeTakeFirst();
    if (sent)
      mail.bounce = { outboxId: sent.id, appealId: sent.appealId, reason: bounceReason(report) };
  },
};
