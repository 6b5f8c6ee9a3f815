import { addressName } from '../../domain/clients/contacts';
import { insertInteraction } from '../appeals/interactions.queries';
import { findClient } from '../clients/clients.queries';
import type { Emit } from '../context';
import type { Db } from '../db';
import { env } from '../env';
import { surveyUrl } from '../http/public-url';
import { activeMailboxes } from '../mailboxes/mailboxes.queries';
import { issueSurveyLink, newSurveyToken } from './links.service';

/** «7 дней», «1 дня», «2 дней»: the genitive after «в течение». */
function daysRu(n: number): string {
  return `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'дня' : 'дней'}`;
}

/** The e-mail that asks a caller to rate the conversation (plain words, the client's name). */
function callSurveyText(a: {
  name: string | null;
  url: string;
  agency: string;
  editDays: number;
}): string {
  return [
    a.name ? `${a.name}, здравствуйте!` : 'Здравствуйте!',
    '',
    'Спасибо, что позвонили нам. Пожалуйста, оцените, как мы вам помогли — это займёт минуту:',
    a.url,
    '',
    `Опрос анонимный. Ответ можно изменить по этой же ссылке в течение ${daysRu(a.editDays)}.`,
    '',
    a.agency,
  ].join('\n');
}

/**
 * A logged call whose client has a known e-mail address gets its survey link by e-mail (there is
 * no SMS channel): a system interaction «survey» queued in the e-mail outbox from the agency's
 * first active mailbox, like an acknowledgement. Without an address or a mailbox, no link is
 * made: a link nobody can receive would only lower the response rate.
 */
export async function sendCallSurvey(
  trx: Db,
  emit: Emit,
  c: { callId: number; appealId: number; operatorId: number | null; now: string },
): Promise<string | null> {
  const appeal = await trx
    .selectFrom('appeals')
    .select(['number', 'client_id'])
    .where('id', '=', c.appealId)
    .executeTakeFirstOrThrow();
  const client = await findClient(trx, appeal.client_id);
  const email = client?.emails[0];
  const [mailbox] = await activeMailboxes(trx);
  if (!client || !email || !mailbox) return null;
  const token = newSurveyToken();
  const interactionId = await insertInteraction(trx, {
    appealId: c.appealId,
    direction: 'system',
    kind: 'survey',
    authorId: null,
    at: c.now,
    subject: `Оцените, пожалуйста, разговор с нами [#${appeal.number}]`,
    text: callSurveyText({
      name: addressName(client),
      url: surveyUrl(token),
      agency: env().OTKLIK_AGENCY,
      editDays: env().OTKLIK_SURVEY_EDIT_DAYS,
    }),
    meta: { to: email, mailboxId: mailbox.id, callId: c.callId },
  });
  await trx
    .insertInto('outbox')
    .values({
      interaction_id: interactionId,
      channel: 'email',
      status: 'pending',
      next_attempt_at: c.now,
      created_at: c.now,
      mailbox_id: mailbox.id,
    })
    .execute();
  await issueSurveyLink(trx, {
    token,
    appealId: c.appealId,
    interactionId,
    callId: c.callId,
    operatorId: c.operatorId,
    now: c.now,
  });
  emit('interaction.added', { appealId: c.appealId, interactionId, direction: 'system' });
  return token;
}
