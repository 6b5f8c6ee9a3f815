import { addressName, clientDisplayName } from '../../domain/clients/contacts';
import {
  longDate,
  positionInSentence,
  type VariableValues,
} from '../../domain/templates/variables';
import type { Db } from '../db';
import { trackingUrl } from '../http/public-url';
import { pendingSurveyUrl } from '../surveys/links.service';
import { agencyName } from '../letterhead/settings.service';

/** The appeal a template is filled for: its client, dates, unit and links. */
export async function appealForTemplate(db: Db, appealId: number) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .leftJoin('units as un', 'un.id', 'a.unit_id')
    .select([
      'a.id',
      'a.number',
      'a.channel',
      'a.touchpoint_id as touchpointId',
      'a.process_id as processId',
      'a.created_at as createdAt',
      'a.answer_due_at as answerDueAt',
      'a.tracking_token as trackingToken',
      'a.unit_id as unitId',
      'un.name as unit',
      'c.surname',
      'c.first_name as firstName',
      'c.patronymic',
      'c.organization',
    ])
    .where('a.id', '=', appealId)
    .executeTakeFirst();
}

export type TemplateAppeal = NonNullable<Awaited<ReturnType<typeof appealForTemplate>>>;

/** The person answering: their name, position and, when the appeal has no unit, their unit. */
async function staffMember(db: Db, userId: number | null) {
  if (userId == null) return null;
  const user = await db
    .selectFrom('users')
    .select(['name', 'position'])
    .where('id', '=', userId)
    .executeTakeFirst();
  const unit = await db
    .selectFrom('user_units as uu')
    .innerJoin('units as un', 'un.id', 'uu.unit_id')
    .select('un.name')
    .where('uu.user_id', '=', userId)
    .orderBy('un.name')
    .executeTakeFirst();
  return user ? { ...user, unit: unit?.name ?? null } : null;
}

const inSentence = (s: string | null | undefined) => (s ? positionInSentence(s) : null);

/** Every variable's value for this appeal, answered by this user (issue 9). */
export async function appealValues(
  db: Db,
  appeal: TemplateAppeal,
  userId: number | null,
): Promise<VariableValues> {
  const staff = await staffMember(db, userId);
  const name = {
    surname: appeal.surname,
    firstName: appeal.firstName,
    patronymic: appeal.patronymic,
    organization: appeal.organization,
  };
  return {
    'client.firstNamePatronymic': addressName(name),
    'client.fullName': clientDisplayName(name) || null,
    'appeal.number': appeal.number,
    'appeal.receivedDate': longDate(appeal.createdAt),
    'appeal.answerDue': appeal.answerDueAt ? longDate(appeal.answerDueAt) : null,
    'operator.name': staff?.name ?? null,
    'operator.position': inSentence(staff?.position),
    'unit.name': inSentence(appeal.unit ?? staff?.unit),
    'agency.name': await agencyName(db),
    'links.survey': await pendingSurveyUrl(db, appeal.id),
    'links.tracking': appeal.trackingToken ? trackingUrl(appeal.trackingToken) : null,
  };
}
