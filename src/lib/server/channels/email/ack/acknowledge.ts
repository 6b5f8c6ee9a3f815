import { addressName } from '../../../../domain/clients/contacts';
import { insertInteraction } from '../../../appeals/interactions.queries';
import type { Emit } from '../../../context';
import type { Db } from '../../../db';
import { env } from '../../../env';
import type { MailboxRow } from '../../../mailboxes/mailboxes.queries';
import { surveyUrl, trackingUrl } from '../../../http/public-url';
import { issueSurveyLink, newSurveyToken } from '../../../surveys/links.service';
import { ackSubject, ackText } from './ack-text';

export { trackingUrl };

/** True when this address got an acknowledgement within the window (one per sender per window). */
export async function ackedRecently(db: Db, address: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - env().OTKLIK_ACK_WINDOW_HOURS * 3_600_000).toISOString();
  const row = await db
    .selectFrom('ack_log')
    .select('address')
    .where('address', '=', address)
    .where('sent_at', '>', since)
    .executeTakeFirst();
  return !!row;
}

export interface AckRequest {
  appealId: number;
  to: string;
  /** The client's message it answers, for In-Reply-To and References. */
  inReplyTo: string | null;
  references: string[];
  mailbox: MailboxRow;
  now: string;
}

/**
 * Queues the acknowledgement of a new appeal in the caller's transaction: a system interaction
 * with its text, an e-mail outbox row the delivery worker sends with «Auto-Submitted:
 * auto-replied» (RFC 3834 §5), and a line in the acknowledgement log for the per-sender window.
 */
export async function queueAcknowledgement(trx: Db, emit: Emit, req: AckRequest): Promise<number> {
  const appeal = await trx
    .selectFrom('appeals as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.number',
      'a.created_at',
      'a.answer_due_at',
      'a.tracking_token',
      'a.channel',
      'c.surname',
      'c.first_name',
      'c.patronymic',
      'c.organization',
    ])
    .where('a.id', '=', req.appealId)
    .executeTakeFirstOrThrow();
  const survey = newSurveyToken();
  const text = ackText({
    number: appeal.number,
    addressName: addressName({
      surname: appeal.surname,
      firstName: appeal.first_name,
      patronymic: appeal.patronymic,
      organization: appeal.organization,
    }),
    registeredAt: appeal.created_at,
    answerDueAt: appeal.answer_due_at,
    trackingUrl: trackingUrl(appeal.tracking_token ?? ''),
    surveyUrl: surveyUrl(survey),
    agency: env().OTKLIK_AGENCY,
    via: appeal.channel === 'webform' ? 'webform' : 'email',
  });
  const interactionId = await insertInteraction(trx, {
    appealId: req.appealId,
    direction: 'system',
    kind: 'ack',
    authorId: null,
    at: req.now,
    subject: ackSubject(appeal.number),
    text,
    meta: {
      to: req.to,
      mailboxId: req.mailbox.id,
      inReplyTo: req.inReplyTo,
      references: req.references,
      autoSubmitted: 'auto-replied',
    },
  });
  await trx
    .insertInto('outbox')
    .values({
      interaction_id: interactionId,
      channel: 'email',
      status: 'pending',
      next_attempt_at: req.now,
      created_at: req.now,
      mailbox_id: req.mailbox.id,
    })
    .execute();
  await issueSurveyLink(trx, {
    token: survey,
    appealId: req.appealId,
    interactionId,
    operatorId: null,
    now: req.now,
  });
  await trx.insertInto('ack_log').values({ address: req.to, sent_at: req.now }).execute();
  emit('interaction.added', { appealId: req.appealId, interactionId, direction: 'system' });
  return interactionId;
}
