import type { Locale } from '../../i18n/messages';
import { receiveInboundIn } from '../appeals/inbound.service';
import { inTransaction, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { ratePerHour, webformLimits } from './limits';
import { publishReplies } from './publish';
import { appealByToken, familyOf, firstContact, publicItems } from './tracking.queries';
import { logSubmission, submissionsSince } from './webforms.queries';

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
const HOUR = 3_600_000;

/** The client may write into an appeal until it is closed (a reply to an answer reopens it). */
export function acceptsMessages(status: string): boolean {
  return status !== 'closed';
}

async function byToken(ctx: ServiceContext, token: string) {
  const appeal = TOKEN.test(token) ? await appealByToken(ctx.db, token) : undefined;
  if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return appeal;
}

/**
 * The client's tracking page (seed 000 §4.13 p.5, seed 001 §2.10.5: the history of interaction
 * is available to the client): status, what was received and the replies sent, never internal
 * notes or system items, and the client's other appeals.
 */
export async function trackingView(ctx: ServiceContext, token: string) {
  const appeal = await byToken(ctx, token);
  await publishReplies(ctx, [appeal.id]);
  return {
    number: appeal.number,
    subject: appeal.subject,
    status: appeal.status,
    createdAt: appeal.createdAt,
    answerDueAt: appeal.answerDueAt,
    open: acceptsMessages(appeal.status),
    items: await publicItems(ctx.db, appeal.id),
    family: (await familyOf(ctx.db, appeal.clientId, appeal.id)).map((a) => ({
      ...a,
      token: a.token ?? '',
    })),
  };
}

export type TrackingMessageResult = { ok: true; number: string } | { ok: false; error: string };

/** A message added on the tracking page continues the same appeal through `receiveInbound`. */
export async function addTrackingMessage(
  ctx: ServiceContext,
  m: { token: string; text: string; address: string; language: Locale },
): Promise<TrackingMessageResult> {
  const appeal = await byToken(ctx, m.token);
  const text = m.text.trim();
  if (!text) return { ok: false, error: 'webform.error.required' };
  if (text.length > webformLimits().textMax)
    return { ok: false, error: 'webform.error.textTooLong' };
  if (!acceptsMessages(appeal.status)) return { ok: false, error: 'webform.track.closed' };
  return inTransaction(ctx, async (trx, emit) => {
    const now = ctx.clock.now();
    const since = new Date(now.getTime() - HOUR).toISOString();
    if ((await submissionsSince(trx, m.address, since)) >= ratePerHour()) {
      return { ok: false, error: 'webform.error.rateLimited' } as const;
    }
    await logSubmission(trx, m.address, now.toISOString(), since);
    const contact = await firstContact(trx, appeal.clientId);
    const result = await receiveInboundIn(trx, emit, ctx, {
      touchpointId: appeal.touchpointId,
      kind: 'webform',
      client: contact,
      subject: appeal.subject,
      text,
      appealNumber: appeal.number,
      meta: { via: 'tracking', language: m.language },
    });
    return { ok: true, number: result.number } as const;
  });
}
