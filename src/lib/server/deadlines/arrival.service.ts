import { messageKindFor, pickPolicy } from '../../domain/deadlines/policy';
import { classifyOnArrival } from '../classify/classify.service';
import type { ServiceContext } from '../context';
import type { Db } from '../db';
import { recomputeDue } from './clock.service';
import { activePolicies } from './deadlines.queries';
import { routeOnArrival } from '../routing/routing.service';
import type { Decision } from './decisions';

export interface ArrivalInput {
  appealId: number;
  text: string;
  /** Set by the channel (a form per process, an explicit choice): not classified again. */
  processGiven: boolean;
  /** Set by the channel: not overridden by classification. */
  priorityGiven: boolean;
  at: string;
  /** The operator's choice for a social message: appeal | comment | mention. */
  messageKind?: string | null;
  /** A request made by voice (a call), whatever the touchpoint's channel. */
  oral?: boolean;
}

/** Chooses the most specific policy for the appeal as it stands and writes its deadlines. */
export async function applyPolicy(
  trx: Db,
  appealId: number,
  startedAt: string,
  now: string,
  earlier: Decision[] = [],
  kind: { given?: string | null; oral?: boolean } = {},
): Promise<Decision[]> {
  const appeal = await trx
    .selectFrom('appeals')
    .innerJoin('clients', 'clients.id', 'appeals.client_id')
    .select(['appeals.channel', 'appeals.touchpoint_id', 'appeals.process_id', 'clients.segment'])
    .where('appeals.id', '=', appealId)
    .executeTakeFirstOrThrow();
  const messageKind = messageKindFor(appeal.channel, kind.given, kind.oral);
  const policy = pickPolicy(await activePolicies(trx), {
    channel: appeal.channel,
    touchpointId: appeal.touchpoint_id,
    processId: appeal.process_id,
    segment: appeal.segment,
    messageKind,
  });
  const decisions = [...earlier];
  if (policy) {
    decisions.push({
      kind: 'policy',
      value: policy.id,
      reason: 'deadlines.reason.policy',
      params: { name: policy.name, basis: policy.basis },
    });
  }
  if (messageKind) {
    decisions.push({
      kind: 'messageKind',
      value: messageKind,
      reason: `deadlines.reason.kind.${messageKind}`,
      params: {},
    });
  }
  await trx
    .insertInto('appeal_deadlines')
    .values({
      appeal_id: appealId,
      policy_id: policy?.id ?? null,
      basis: policy?.basis ?? null,
      started_at: startedAt,
      message_kind: messageKind,
      decisions: JSON.stringify(decisions),
    })
    .execute();
  await recomputeDue(trx, appealId, now);
  return decisions;
}

/**
 * What happens to a new appeal inside the transaction that created it (seed 003 §2.6.2: written
 * appeals are classified automatically to set priority, deadline and the responsible person).
 */
export async function automateArrival(
  trx: Db,
  ctx: ServiceContext,
  input: ArrivalInput,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const decisions = await classifyOnArrival(trx, input);
  // The route reads the priority and topic just decided; the policy then reads the route's facts.
  decisions.push(...(await routeOnArrival(trx, ctx, input.appealId)));
  await applyPolicy(trx, input.appealId, input.at, now, decisions, {
    given: input.messageKind,
    oral: input.oral,
  });
}

/** Deadlines for appeals stored before any policy existed (the demo seed); returns how many. */
export async function backfillDeadlines(ctx: ServiceContext): Promise<number> {
  const missing = await ctx.db
    .selectFrom('appeals')
    .leftJoin('appeal_deadlines', 'appeal_deadlines.appeal_id', 'appeals.id')
    .select(['appeals.id', 'appeals.created_at', 'appeals.status'])
    .where('appeal_deadlines.appeal_id', 'is', null)
    .execute();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of missing) await applyPolicy(trx, a.id, a.created_at, now);
  });
  return missing.length;
}
