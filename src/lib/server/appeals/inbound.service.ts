import { randomBytes } from 'node:crypto';
import { moscowDate } from '../../domain/calendar/dates';
import { findAppealNumber, statusAfterInbound, type Status } from '../../domain/appeals/status';
import { matchOrCreateClient, type ClientInput } from '../clients/clients.service';
import { inTransaction, type Actor, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { indexAppeals } from '../search/appeal-search';
import { automateArrival } from '../deadlines/arrival.service';
import { resumeClock } from '../deadlines/clock.service';
import { appealByNumber, soleProcessOf, touchpointById } from './appeals.queries';
import { findByExternalId, insertInteraction, type NewAttachment } from './interactions.queries';
import { nextAppealNumber } from './numbering';

export interface InboundMessage {
  touchpointId: number;
  /** email | webform | call | manual */
  kind: string;
  client: ClientInput;
  subject: string;
  text: string;
  /** When it happened at the touchpoint; defaults to now. */
  at?: string;
  /** The channel's own id (Message-ID, submission id): a second delivery is recognised. */
  externalId?: string | null;
  /** An appeal the message continues, e.g. from «Re: [2026-000123]» or a tracking link. */
  appealNumber?: string | null;
  processId?: number | null;
  priority?: string;
  /** On a social page or public chat: appeal | comment | mention; selects the deadline policy. */
  messageKind?: string | null;
  attachments?: NewAttachment[];
  meta?: Record<string, unknown>;
}

export interface InboundResult {
  appealId: number;
  number: string;
  interactionId: number;
  created: boolean;
  duplicate: boolean;
}

/**
 * The one entry point of every channel (DESIGN: channels are adapters): stores the message once,
 * threads it into the appeal it continues or opens a new one, and indexes it for search.
 */
export async function receiveInbound(
  ctx: ServiceContext,
  msg: InboundMessage,
  actor: Actor | null = null,
): Promise<InboundResult> {
  return inTransaction(ctx, (trx, emit) => receiveInboundIn(trx, emit, ctx, msg, actor));
}

/**
 * `receiveInbound` inside the caller's transaction, for a channel that must commit more with the
 * message (the e-mail channel: its acknowledgement and the mailbox checkpoint, exactly once).
 */
export async function receiveInboundIn(
  trx: Db,
  emit: Emit,
  ctx: ServiceContext,
  msg: InboundMessage,
  actor: Actor | null = null,
): Promise<InboundResult> {
  const subject = msg.subject.trim() || msg.text.trim().split('\n')[0]!.slice(0, 120) || '—';
  const now = ctx.clock.now().toISOString();
  const at = msg.at ?? now;
  if (msg.externalId) {
    const seen = await findByExternalId(trx, msg.externalId);
    if (seen) {
      const appeal = await trx
        .selectFrom('appeals')
        .select('number')
        .where('id', '=', seen.appealId)
        .executeTakeFirstOrThrow();
      return {
        appealId: seen.appealId,
        number: appeal.number,
        interactionId: seen.id,
        created: false,
        duplicate: true,
      };
    }
  }
  const touchpoint = await touchpointById(trx, msg.touchpointId);
  if (!touchpoint) throw new DomainError('INVALID', 'appeals.touchpointUnknown');
  const clientId = await matchOrCreateClient(trx, msg.client, now);
  const quoted = msg.appealNumber ?? findAppealNumber(subject);
  const existing = quoted ? await appealByNumber(trx, quoted) : undefined;

  let appealId: number;
  let number: string;
  let created = false;
  if (existing) {
    appealId = existing.id;
    number = existing.number;
    const status = statusAfterInbound(existing.status as Status);
    await trx
      .updateTable('appeals')
      .set({ status, last_activity_at: at, updated_at: now, closed_at: null })
      .where('id', '=', appealId)
      .execute();
    if (existing.status === 'waiting') await resumeClock(trx, appealId, now);
    if (status !== existing.status) {
      await insertInteraction(trx, {
        appealId,
        direction: 'system',
        kind: 'status',
        authorId: null,
        at,
        meta: { from: existing.status, to: status, reason: 'client_message' },
      });
    }
  } else {
    const sole = msg.processId ? null : await soleProcessOf(trx, touchpoint.id);
    const processId = msg.processId ?? sole?.id ?? null;
    const unitId = processId
      ? ((
          await trx
            .selectFrom('processes')
            .select('unit_id')
            .where('id', '=', processId)
            .executeTakeFirst()
        )?.unit_id ?? null)
      : null;
    // The number is taken last (below): the year's counter stays locked until commit.
    number = `~${randomBytes(12).toString('base64url')}`;
    ({ id: appealId } = await trx
      .insertInto('appeals')
      .values({
        number,
        client_id: clientId,
        touchpoint_id: touchpoint.id,
        process_id: processId,
        channel: touchpoint.channel,
        subject,
        tracking_token: randomBytes(16).toString('base64url'),
        status: 'new',
        priority: msg.priority ?? 'normal',
        unit_id: unitId,
        created_at: at,
        updated_at: now,
        last_activity_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
    created = true;
  }
  const interactionId = await insertInteraction(
    trx,
    {
      appealId,
      direction: 'in',
      kind: msg.kind,
      authorId: actor?.kind === 'user' ? actor.userId : null,
      touchpointId: touchpoint.id,
      at,
      subject,
      text: msg.text,
      meta: msg.meta,
      externalId: msg.externalId ?? null,
    },
    msg.attachments,
  );
  if (created) {
    await automateArrival(trx, ctx, {
      appealId,
      text: `${subject}\n${msg.text}`,
      processGiven: msg.processId != null,
      priorityGiven: msg.priority != null,
      at,
      messageKind: msg.messageKind ?? null,
      oral: msg.kind === 'call',
    });
    // Creations wait for each other from here to their commits, so only short work follows.
    // The agency's year: an appeal at 00:30 on 1 January in Moscow is the new year's first.
    number = await nextAppealNumber(trx, Number(moscowDate(now).slice(0, 4)));
    await trx.updateTable('appeals').set({ number }).where('id', '=', appealId).execute();
  }
  await indexAppeals(trx, [appealId]);
  // A new appeal is announced once: its first message is part of «created».
  if (created) emit('appeal.created', { appealId, number });
  else emit('interaction.added', { appealId, interactionId, direction: 'in' });
  return { appealId, number, interactionId, created, duplicate: false };
}
