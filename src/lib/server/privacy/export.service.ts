import { normalizeEmail } from '../../domain/clients/contacts';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { clientIdsByContacts, findClient } from '../clients/clients.queries';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { recordClientAccess } from './access-log.queries';

export type ClientKey = { clientId: number } | { email: string };

async function resolveClient(ctx: ServiceContext, key: ClientKey): Promise<number> {
  if ('clientId' in key) return key.clientId;
  const email = normalizeEmail(key.email);
  if (!email) throw new DomainError('INVALID', 'privacy.error.email', { field: 'email' });
  const [clientId] = await clientIdsByContacts(ctx.db, [{ kind: 'email', value: email }]);
  if (clientId == null) throw new DomainError('NOT_FOUND', 'privacy.error.noClient');
  return clientId;
}

const json = (text: string | null): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * 152-FZ art. 14: everything held about one client — profile, contacts, appeals with their
 * timelines and attachment lists, calls, survey answers to their appeals, and who opened their data.
 * The export itself is recorded in the access log and the audit log.
 */
export async function exportClientData(ctx: ServiceContext, actor: Actor, key: ClientKey) {
  assertRole(actor, ['admin']);
  const clientId = await resolveClient(ctx, key);
  const client = await findClient(ctx.db, clientId);
  if (!client) throw new DomainError('NOT_FOUND', 'privacy.error.noClient');
  const db = ctx.db;
  const profile = await db
    .selectFrom('clients')
    .select(['created_at', 'updated_at'])
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  const mergedFrom = await db
    .selectFrom('clients')
    .select('id')
    .where('merged_into', '=', clientId)
    .execute();
  const appeals = await db
    .selectFrom('appeals as a')
    .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
    .leftJoin('processes as p', 'p.id', 'a.process_id')
    .select([
      'a.id',
      'a.number',
      'a.channel',
      't.name as touchpoint',
      'p.name as process',
      'a.subject',
      'a.status',
      'a.created_at as createdAt',
      'a.answered_at as answeredAt',
      'a.closed_at as closedAt',
    ])
    .where('a.client_id', '=', clientId)
    .orderBy('a.id')
    .execute();
  const appealIds = appeals.map((a) => a.id);
  const interactions = appealIds.length
    ? await db
        .selectFrom('interactions')
        .select(['id', 'appeal_id', 'direction', 'kind', 'at', 'subject', 'text'])
        .where('appeal_id', 'in', appealIds)
        .orderBy('id')
        .execute()
    : [];
  const attachments = interactions.length
    ? await db
        .selectFrom('attachments')
        .select(['interaction_id', 'name', 'content_type', 'size', 'notice'])
        .where(
          'interaction_id',
          'in',
          interactions.map((i) => i.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const calls = await db
    .selectFrom('calls')
    .select([
      'id',
      'appeal_id',
      'caller_phone',
      'started_at',
      'ended_at',
      'duration_sec',
      'topic',
      'notes',
      'outcome',
    ])
    .where((eb) =>
      eb.or([
        eb('client_id', '=', clientId),
        ...(appealIds.length ? [eb('appeal_id', 'in', appealIds)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  const surveys = appealIds.length
    ? await db
        .selectFrom('survey_responses as r')
        .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
        .leftJoin('appeals as a', 'a.id', 'r.appeal_id')
        .select([
          'a.number as appeal',
          'q.title as questionnaire',
          'r.rating',
          'r.resolved',
          'r.comment',
          'r.answers',
          'r.created_at as createdAt',
        ])
        .where('r.appeal_id', 'in', appealIds)
        .orderBy('r.id')
        .execute()
    : [];
  const accessLog = await db
    .selectFrom('client_access_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .leftJoin('appeals as a', 'a.id', 'l.appeal_id')
    .select(['l.at', 'u.name as user', 'u.email as userEmail', 'l.action', 'a.number as appeal'])
    .where('l.client_id', '=', clientId)
    .orderBy('l.id')
    .execute();

  const now = ctx.clock.now();
  await recordClientAccess(db, now, actor, { clientId, action: 'client.export' });
  await recordAudit(db, now, actor, {
    action: 'privacy.export',
    entity: 'client',
    entityId: clientId,
  });
  return {
    exportedAt: now.toISOString(),
    client: {
      id: client.id,
      surname: client.surname,
      firstName: client.firstName,
      patronymic: client.patronymic,
      organization: client.organization,
      segment: client.segment,
      accessibility: client.accessibility,
      accessibilityNote: client.accessibilityNote,
      preferredChannel: client.preferredChannel,
      mergedInto: client.mergedInto,
      mergedFrom: mergedFrom.map((m) => m.id),
      createdAt: profile.created_at,
      updatedAt: profile.updated_at,
    },
    contacts: { emails: client.emails, phones: client.phones },
    appeals: appeals.map(({ id, ...a }) => ({
      ...a,
      interactions: interactions
        .filter((i) => i.appeal_id === id)
        .map((i) => ({
          direction: i.direction,
          kind: i.kind,
          at: i.at,
          subject: i.subject,
          text: i.text,
          attachments: attachments
            .filter((f) => f.interaction_id === i.id)
            .map((f) => ({
              name: f.name,
              contentType: f.content_type,
              size: f.size,
              notice: f.notice,
            })),
        })),
    })),
    calls: calls.map((c) => ({
      appeal: appeals.find((a) => a.id === c.appeal_id)?.number ?? null,
      phone: c.caller_phone,
      startedAt: c.started_at,
      endedAt: c.ended_at,
      durationSec: c.duration_sec,
      topic: c.topic,
      notes: c.notes,
      outcome: c.outcome,
    })),
    surveyResponses: surveys.map((s) => ({ ...s, answers: json(s.answers) })),
    accessLog,
  };
}

export type ClientExport = Awaited<ReturnType<typeof exportClientData>>;
