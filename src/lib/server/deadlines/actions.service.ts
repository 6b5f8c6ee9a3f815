import { dueAt } from '../../domain/deadlines/arithmetic';
import type { Notice } from '../../domain/deadlines/notices';
import { recordAudit } from '../audit/audit.queries';
import { assertMaySeeAppeal } from '../appeals/access';
import { assertRole } from '../auth/access';
import { insertInteraction } from '../appeals/interactions.queries';
import { inTransaction, type Actor, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { recomputeDue, settleForward } from './clock.service';
import { deadlineState, policyById, workTime } from './deadlines.queries';
import { deferralNoticeDue } from './deferral';
import { renderNotice } from './notices.service';

/**
 * Dispositions under 59-FZ art. 11 and art. 8 p. 3, chosen by the operator (issue 10):
 * anonymous (p. 1: no answer), obscene or threatening (p. 3: may be left unanswered, client told),
 * unreadable (p. 4: client told within 7 days), repeated (p. 5: correspondence stopped by the
 * head's decision, client told), forwarded to the competent body (art. 8 p. 3: within 7 days, client told).
 */
export const DISPOSITIONS = [
  'anonymous',
  'obscene',
  'unreadable',
  'repeated',
  'forwarded',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Days to tell the client an unreadable letter cannot be answered (59-FZ art. 11 p. 4). */
const UNREADABLE_NOTICE_DAYS = 7;
const DELIVERED = new Set(['email', 'webform']);

async function openAppeal(trx: Db, actor: Actor, id: number) {
  const a = await trx
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'channel',
      'subject',
      'touchpoint_id',
      'status',
      'assignee_id',
      'unit_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) throw new DomainError('NOT_FOUND', 'errors.notFound');
  await assertMaySeeAppeal(trx, actor, { unitId: a.unit_id, assigneeId: a.assignee_id });
  return a;
}

/**
 * A notice to the client through the appeal's own channel, worded by the notice template in force;
 * e-mail and web form go out by the outbox, other channels keep it on the timeline for the operator.
 */
async function notify(
  trx: Db,
  emit: Emit,
  a: Awaited<ReturnType<typeof openAppeal>>,
  actor: Actor,
  now: string,
  notice: Notice,
  extra: { 'notice.reason'?: string; 'notice.forwardedTo'?: string } = {},
) {
  const userId = actor.kind === 'user' ? actor.userId : null;
  const { text, templateId } = await renderNotice(trx, notice, a.id, userId, extra);
  const interactionId = await insertInteraction(trx, {
    appealId: a.id,
    direction: 'out',
    kind: 'notice',
    authorId: actor.kind === 'user' ? actor.userId : null,
    touchpointId: a.touchpoint_id,
    at: now,
    subject: `Re: ${a.subject}`,
    text,
    meta: { notice, templateId },
  });
  if (DELIVERED.has(a.channel)) {
    await trx
      .insertInto('outbox')
      .values({
        interaction_id: interactionId,
        channel: a.channel,
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
  }
  emit('interaction.added', { appealId: a.id, interactionId, direction: 'out' });
}

/**
 * 59-FZ art. 12 p. 2: the answer period extended by up to the policy's days, with a reason and
 * notice. Under 8-FZ (art. 18 p. 6) it is a deferral: announced within the policy's notice days of
 * registration, at most the policy's days (the law allows 15), the client told through the channel.
 */
export async function extendDeadline(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; days: number; reason: string },
) {
  assertRole(actor, ['supervisor']);
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('INVALID', 'deadlines.extendReason');
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const a = await openAppeal(trx, actor, input.appealId);
    const st = await deadlineState(trx, a.id);
    const policy = st?.policy_id ? await policyById(trx, st.policy_id) : null;
    if (!st || !policy?.answer) throw new DomainError('INVALID', 'deadlines.noDeadline');
    const max = policy.extensionDays ?? 0;
    const deferral = policy.basis === 'fz8';
    if (!Number.isInteger(input.days) || input.days < 1 || st.extension_days + input.days > max) {
      throw new DomainError(
        'INVALID',
        deferral ? 'deadlines.deferTooLong' : 'deadlines.extendTooLong',
        {
          max,
        },
      );
    }
    if (deferral && policy.noticeDays != null) {
      const last = await deferralNoticeDue(trx, st.started_at, policy.noticeDays);
      if (Date.parse(now) > Date.parse(last)) {
        throw new DomainError('INVALID', 'deadlines.deferTooLate', {
          days: policy.noticeDays,
          last: last.slice(0, 10),
        });
      }
    }
    await trx
      .updateTable('appeal_deadlines')
      .set({
        extension_days: st.extension_days + input.days,
        extension_reason: reason,
        extended_at: now,
        warned_at: null,
      })
      .where('appeal_id', '=', a.id)
      .execute();
    await recomputeDue(trx, a.id, now);
    await notify(trx, emit, a, actor, now, deferral ? 'deferred' : 'extended', {
      'notice.reason': reason.replace(/[.\s]+$/u, ''),
    });
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: deferral ? 'deadlines.defer' : 'deadlines.extend',
      entity: 'appeal',
      entityId: a.number,
      details: { days: input.days, reason },
    });
  });
}

export async function setDisposition(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; disposition: Disposition; forwardedTo?: string | null },
) {
  assertRole(actor, ['operator', 'supervisor']);
  if (!DISPOSITIONS.includes(input.disposition)) throw new DomainError('INVALID', 'errors.invalid');
  // Stopping correspondence on a repeated appeal is the head's decision (59-FZ art. 11 p. 5).
  if (input.disposition === 'repeated') assertRole(actor, ['supervisor']);
  const to = input.forwardedTo?.trim() || null;
  if (input.disposition === 'forwarded' && !to)
    throw new DomainError('INVALID', 'deadlines.forwardWhere');
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const a = await openAppeal(trx, actor, input.appealId);
    const st = await deadlineState(trx, a.id);
    if (!st) throw new DomainError('INVALID', 'deadlines.noDeadline');
    await trx
      .updateTable('appeal_deadlines')
      .set({
        disposition: input.disposition,
        ...(input.disposition === 'forwarded' ? { forwarded_to: to, forwarded_at: now } : {}),
      })
      .where('appeal_id', '=', a.id)
      .execute();
    // Forwarded, or kept with a decision on how to treat it: the competence question is settled.
    await settleForward(trx, a.id, now);
    if (input.disposition === 'unreadable') {
      const due = dueAt(
        st.started_at,
        { amount: UNREADABLE_NOTICE_DAYS, unit: 'calendar_days' },
        await workTime(trx),
      );
      await trx.updateTable('appeals').set({ answer_due_at: due }).where('id', '=', a.id).execute();
    }
    const iid = await insertInteraction(trx, {
      appealId: a.id,
      direction: 'system',
      kind: 'disposition',
      authorId: actor.kind === 'user' ? actor.userId : null,
      at: now,
      text: to,
      meta: { disposition: input.disposition, forwardedTo: to },
    });
    emit('interaction.added', { appealId: a.id, interactionId: iid, direction: 'system' });
    if (input.disposition !== 'anonymous') {
      await notify(trx, emit, a, actor, now, input.disposition, {
        'notice.forwardedTo': to ?? '',
      });
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'deadlines.disposition',
      entity: 'appeal',
      entityId: a.number,
      details: { disposition: input.disposition, forwardedTo: to },
    });
  });
}
