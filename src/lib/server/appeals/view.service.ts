import { assertRole } from '../auth/access';
import { appealVisibility, assertMaySeeAppeal } from './access';
import { findClient } from '../clients/clients.queries';
import { recordClientAccess } from '../privacy/access-log.queries';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readAttachment } from '../files/attachment-store';
import { timeline } from './interactions.queries';

const STAFF = ['operator', 'supervisor'] as const;

/** Everything the appeal screen shows: the appeal, its timeline, the client and their history. */
export async function appealView(ctx: ServiceContext, actor: Actor, number: string) {
  assertRole(actor, STAFF);
  const appeal = await ctx.db
    .selectFrom('appeals as a')
    .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
    .leftJoin('processes as p', 'p.id', 'a.process_id')
    .leftJoin('units as un', 'un.id', 'a.unit_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select([
      'a.id',
      'a.number',
      'a.subject',
      'a.status',
      'a.priority',
      'a.language',
      'a.channel',
      'a.client_id as clientId',
      'a.touchpoint_id as touchpointId',
      't.name as touchpoint',
      't.address as touchpointAddress',
      'a.process_id as processId',
      'p.name as process',
      'a.unit_id as unitId',
      'un.name as unit',
      'a.assignee_id as assigneeId',
      'u.name as assignee',
      'a.created_at as createdAt',
      'a.first_response_at as firstResponseAt',
      'a.answered_at as answeredAt',
      'a.closed_at as closedAt',
      'a.ack_due_at as ackDueAt',
      'a.first_response_due_at as firstResponseDueAt',
      'a.answer_due_at as answerDueAt',
    ])
    .where('a.number', '=', number)
    .executeTakeFirst();
  const mayOpen = await appealVisibility(ctx.db, actor);
  if (!appeal || !mayOpen(appeal)) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const [client, items, history] = await Promise.all([
    findClient(ctx.db, appeal.clientId),
    timeline(ctx.db, appeal.id),
    ctx.db
      .selectFrom('appeals as a')
      .innerJoin('touchpoints as t', 't.id', 'a.touchpoint_id')
      .leftJoin('units as un', 'un.id', 'a.unit_id')
      .select([
        'a.id',
        'a.number',
        'a.subject',
        'a.status',
        'a.channel',
        't.name as touchpoint',
        'a.created_at as createdAt',
        'a.unit_id as unitId',
        'a.assignee_id as assigneeId',
        'un.name as unit',
      ])
      .where('a.client_id', '=', appeal.clientId)
      .orderBy('a.created_at', 'desc')
      .limit(100)
      .execute()
      // seed 000 §4.13 p.5: the whole history is listed; another unit's appeals are named, not opened.
      .then((rows) =>
        rows.map(({ unitId, assigneeId, ...h }) => ({
          ...h,
          open: mayOpen({ unitId, assigneeId }),
        })),
      ),
    // 152-FZ: who opened whose data (one insert, shown at /settings/privacy/access-log).
    recordClientAccess(ctx.db, ctx.clock.now(), actor, {
      clientId: appeal.clientId,
      appealId: appeal.id,
      action: 'appeal.view',
    }),
  ]);
  return { appeal, client: client!, timeline: items, history };
}

export async function attachment(ctx: ServiceContext, actor: Actor, id: number) {
  assertRole(actor, STAFF);
  const file = await ctx.db
    .selectFrom('attachments as f')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
    .select(['f.name', 'f.content_type as contentType', 'f.sha256', 'a.unit_id as unitId'])
    .select('a.assignee_id as assigneeId')
    .select(['a.id as appealId', 'a.client_id as clientId'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!file?.sha256) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await assertMaySeeAppeal(ctx.db, actor, file);
  await recordClientAccess(ctx.db, ctx.clock.now(), actor, {
    clientId: file.clientId,
    appealId: file.appealId,
    action: 'attachment.open',
  });
  const { name, contentType, sha256 } = file;
  return { name, contentType, sha256, content: await readAttachment(sha256) };
}
