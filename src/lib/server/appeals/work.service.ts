import { canMove, PRIORITIES, type Status } from '../../domain/appeals/status';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { indexAppeals } from '../search/appeal-search';
import { assertMaySeeAppeal, assertMaySeeAppealId } from './access';
import { appealById } from './appeals.queries';
import { clockAfterStatus } from '../deadlines/clock.service';
import { putAttachment } from '../files/attachment-store';
import { gateReply, replyCheckOptions, type StyleOverride } from '../style/gate';
import { insertInteraction, type NewAttachment } from './interactions.queries';
import { issueReplySurveyLink, withCurrentSurveyLink } from '../surveys/links.service';

const STAFF = ['operator', 'supervisor'] as const;
/** Channels whose replies a channel adapter delivers; the rest are answered where they came from. */
const DELIVERED = new Set(['email', 'webform']);
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

async function openAppeal(trx: Db, actor: Actor, id: number) {
  const appeal = await appealById(trx, id);
  if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await assertMaySeeAppeal(trx, actor, { unitId: appeal.unit_id, assigneeId: appeal.assignee_id });
  return appeal;
}

function changed(
  emit: Emit,
  a: { id: number; status: string; assignee_id: number | null; unit_id: number | null },
  before?: { assignee_id: number | null; unit_id: number | null },
) {
  emit('appeal.updated', {
    appealId: a.id,
    status: a.status,
    assigneeId: a.assignee_id,
    unitId: a.unit_id,
    ...(before && { previousAssigneeId: before.assignee_id, previousUnitId: before.unit_id }),
  });
}

/**
 * Two people answering one client: a reply sent after the one the operator saw when they opened
 * the appeal makes the send ask for confirmation (issue 11).
 */
export async function assertNoReplySince(db: Db, appealId: number, seenReplyId: number) {
  const newer = await db
    .selectFrom('interactions as i')
    .leftJoin('users as u', 'u.id', 'i.author_id')
    .select(['i.at', 'u.name'])
    .where('i.appeal_id', '=', appealId)
    .where('i.direction', '=', 'out')
    .where('i.id', '>', seenReplyId)
    .orderBy('i.id', 'desc')
    .executeTakeFirst();
  if (newer) {
    throw new DomainError('CONFLICT', 'appeals.answeredMeanwhile', {
      name: newer.name ?? '',
      at: newer.at,
    });
  }
}

/**
 * A written reply: stored in the timeline and, for e-mail and web-form appeals, queued in the
 * outbox that the channel adapter delivers (it survives restarts). The appeal becomes answered.
 */
export async function reply(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    appealId: number;
    text: string;
    files?: { name: string; contentType: string; content: Uint8Array }[];
    /** Block findings a supervisor lets through, each with a written reason. */
    overrides?: StyleOverride[];
    /** The newest reply the operator saw when they opened the appeal (0: none). */
    seenReplyId?: number;
    /** Send although someone replied since then. */
    confirmed?: boolean;
  },
) {
  assertRole(actor, STAFF);
  if (input.overrides?.length) assertRole(actor, ['supervisor']);
  // Before the checklist: its findings would tell about another unit's appeal.
  await assertMaySeeAppealId(ctx.db, actor, input.appealId);
  // A colleague's reply since the operator opened the appeal is the first thing to say; it also
  // moves the survey link this draft carries, which the checklist would report instead.
  const answeredMeanwhile = () =>
    input.seenReplyId !== undefined && !input.confirmed
      ? assertNoReplySince(ctx.db, input.appealId, input.seenReplyId)
      : Promise.resolve();
  await answeredMeanwhile();
  // Browsers submit textarea line breaks as CRLF; the timeline and the outbox keep LF.
  // A link that has already gone out is swapped for this reply's own (issue 12).
  const text = await withCurrentSurveyLink(
    ctx.db,
    input.appealId,
    input.text.replace(/\r\n?/g, '\n').replace(/\s+$/u, ''),
  );
  if (!text.trim()) throw new DomainError('INVALID', 'appeals.replyEmpty');
  for (const f of input.files ?? []) {
    if (f.content.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new DomainError('INVALID', 'appeals.attachmentTooLarge', { name: f.name });
    }
  }
  const { result: style, overridden } = await gateReply(
    ctx.db,
    text,
    await replyCheckOptions(ctx.db, input.appealId),
    input.overrides ?? [],
  ).catch(async (err: unknown) => {
    await answeredMeanwhile();
    throw err;
  });
  const attachments: NewAttachment[] = [];
  for (const f of input.files ?? []) {
    attachments.push({
      name: f.name,
      contentType: f.contentType,
      size: f.content.byteLength,
      sha256: await putAttachment(f.content),
    });
  }
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const appeal = await openAppeal(trx, actor, input.appealId);
    if (input.seenReplyId !== undefined && !input.confirmed) {
      await assertNoReplySince(trx, appeal.id, input.seenReplyId);
    }
    const interactionId = await insertInteraction(
      trx,
      {
        appealId: appeal.id,
        direction: 'out',
        kind: 'reply',
        authorId: userId(actor),
        touchpointId: appeal.touchpoint_id,
        at: now,
        subject: appeal.subject.startsWith('Re:') ? appeal.subject : `Re: ${appeal.subject}`,
        text,
        meta: {
          style: {
            score: style.score,
            warn: style.findings.filter((f) => f.severity === 'warn').length,
            info: style.findings.filter((f) => f.severity === 'info').length,
          },
          overrides: overridden.map((o) => ({ rule: o.rule, text: o.text, reason: o.reason })),
        },
      },
      attachments,
    );
    await issueReplySurveyLink(trx, {
      appealId: appeal.id,
      interactionId,
      text,
      operatorId: userId(actor),
      now,
    });
    for (const o of overridden) {
      await recordAudit(trx, ctx.clock.now(), actor, {
        action: 'style.override',
        entity: 'appeal',
        entityId: appeal.number,
        details: { rule: o.rule, text: o.text, reason: o.reason },
      });
    }
    if (DELIVERED.has(appeal.channel)) {
      await trx
        .insertInto('outbox')
        .values({
          interaction_id: interactionId,
          channel: appeal.channel,
          status: 'pending',
          next_attempt_at: now,
          created_at: now,
        })
        .execute();
    }
    const next = {
      ...appeal,
      status: 'answered',
      assignee_id: appeal.assignee_id ?? userId(actor),
    };
    await trx
      .updateTable('appeals')
      .set({
        status: next.status,
        assignee_id: next.assignee_id,
        first_response_at: appeal.first_response_at ?? now,
        answered_at: now,
        last_activity_at: now,
        updated_at: now,
      })
      .where('id', '=', appeal.id)
      .execute();
    await indexAppeals(trx, [appeal.id]);
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'out' });
    changed(emit, next);
    return { interactionId, queued: DELIVERED.has(appeal.channel) };
  });
}

export async function addNote(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; text: string },
) {
  assertRole(actor, STAFF);
  if (!input.text.trim()) throw new DomainError('INVALID', 'appeals.noteEmpty');
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const appeal = await openAppeal(trx, actor, input.appealId);
    const interactionId = await insertInteraction(trx, {
      appealId: appeal.id,
      direction: 'note',
      kind: 'note',
      authorId: userId(actor),
      at: now,
      text: input.text.replace(/\r\n?/g, '\n').trim(),
    });
    await trx.updateTable('appeals').set({ updated_at: now }).where('id', '=', appeal.id).execute();
    await indexAppeals(trx, [appeal.id]);
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'note' });
    return interactionId;
  });
}

/** Assign to a person and/or hand over to a unit; a handover away from someone is a transfer. */
export async function assign(
  ctx: ServiceContext,
  actor: Actor,
  input: {
    appealId: number;
    assigneeId?: number | null;
    unitId?: number | null;
    reason?: string | null;
  },
) {
  assertRole(actor, STAFF);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const appeal = await openAppeal(trx, actor, input.appealId);
    const assigneeId = input.assigneeId === undefined ? appeal.assignee_id : input.assigneeId;
    const unitId = input.unitId === undefined ? appeal.unit_id : input.unitId;
    if (assigneeId != null) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'active'])
        .where('id', '=', assigneeId)
        .executeTakeFirst();
      if (!user?.active) throw new DomainError('INVALID', 'appeals.assigneeUnknown');
    }
    if (unitId != null) {
      const unit = await trx
        .selectFrom('units')
        .select('id')
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (!unit) throw new DomainError('INVALID', 'appeals.unitUnknown');
    }
    if (assigneeId === appeal.assignee_id && unitId === appeal.unit_id) return;
    const transfer = appeal.assignee_id != null && appeal.assignee_id !== assigneeId;
    const reason = input.reason?.trim() || null;
    if (transfer && !reason && assigneeId !== userId(actor)) {
      throw new DomainError('INVALID', 'appeals.transferReason');
    }
    const status = appeal.status === 'new' && assigneeId != null ? 'open' : appeal.status;
    await trx
      .updateTable('appeals')
      .set({ assignee_id: assigneeId, unit_id: unitId, status, updated_at: now })
      .where('id', '=', appeal.id)
      .execute();
    const interactionId = await insertInteraction(trx, {
      appealId: appeal.id,
      direction: 'system',
      kind: transfer ? 'transferred' : 'assigned',
      authorId: userId(actor),
      at: now,
      text: reason,
      meta: {
        fromAssignee: appeal.assignee_id,
        toAssignee: assigneeId,
        fromUnit: appeal.unit_id,
        toUnit: unitId,
      },
    });
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: transfer ? 'appeal.transfer' : 'appeal.assign',
      entity: 'appeal',
      entityId: appeal.number,
      details: { assigneeId, unitId, reason },
    });
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'system' });
    changed(emit, { ...appeal, status, assignee_id: assigneeId, unit_id: unitId }, appeal);
  });
}

export async function changeStatus(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; status: Status; reason?: string | null },
) {
  assertRole(actor, STAFF);
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const appeal = await openAppeal(trx, actor, input.appealId);
    if (!canMove(appeal.status as Status, input.status)) {
      throw new DomainError('INVALID', 'appeals.badTransition', {
        from: appeal.status,
        to: input.status,
      });
    }
    await trx
      .updateTable('appeals')
      .set({
        status: input.status,
        updated_at: now,
        closed_at: input.status === 'closed' ? now : null,
      })
      .where('id', '=', appeal.id)
      .execute();
    await clockAfterStatus(trx, appeal.id, appeal.status, input.status, now);
    const interactionId = await insertInteraction(trx, {
      appealId: appeal.id,
      direction: 'system',
      kind: 'status',
      authorId: userId(actor),
      at: now,
      text: input.reason?.trim() || null,
      meta: { from: appeal.status, to: input.status },
    });
    emit('interaction.added', { appealId: appeal.id, interactionId, direction: 'system' });
    changed(emit, { ...appeal, status: input.status });
  });
}

export async function setPriority(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; priority: string },
) {
  assertRole(actor, STAFF);
  if (!(PRIORITIES as readonly string[]).includes(input.priority)) {
    throw new DomainError('INVALID', 'errors.invalid');
  }
  await inTransaction(ctx, async (trx, emit) => {
    const appeal = await openAppeal(trx, actor, input.appealId);
    await trx
      .updateTable('appeals')
      .set({ priority: input.priority, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', appeal.id)
      .execute();
    changed(emit, appeal);
  });
}
