import { DEADLINE_UNITS, type DeadlineUnit } from '../../domain/deadlines/arithmetic';
import {
  BASES,
  LEGAL_MAX_EXTENSION,
  MESSAGE_KINDS,
  type Basis,
  type MessageKind,
} from '../../domain/deadlines/policy';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { deadlineSettings, toPolicy, type DeadlineSettings } from './deadlines.queries';

export interface PolicyInput {
  id?: number | null;
  name: string;
  basis: Basis;
  channel?: string | null;
  touchpointId?: number | null;
  processId?: number | null;
  segment?: string | null;
  messageKind?: MessageKind | null;
  ack?: { amount: number; unit: DeadlineUnit } | null;
  first?: { amount: number; unit: DeadlineUnit } | null;
  answer?: { amount: number; unit: DeadlineUnit } | null;
  extensionDays?: number | null;
  forwardDays?: number | null;
  noticeDays?: number | null;
  active?: boolean;
}

const okTarget = (t: PolicyInput['ack']) =>
  t == null ||
  (Number.isInteger(t.amount) &&
    t.amount >= 0 &&
    t.amount <= 10_000 &&
    DEADLINE_UNITS.includes(t.unit));

export function listPolicies(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('deadline_policies')
    .selectAll()
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...toPolicy(r), active: r.active === 1 })));
}

/** Creates or updates a policy; figures are the admin's, checked here (issue 10). */
export async function savePolicy(
  ctx: ServiceContext,
  actor: Actor,
  input: PolicyInput,
): Promise<number> {
  assertRole(actor, ['admin']);
  if (!input.name.trim() || !BASES.includes(input.basis)) {
    throw new DomainError('INVALID', 'deadlines.policyInvalid');
  }
  if (![input.ack, input.first, input.answer].every(okTarget)) {
    throw new DomainError('INVALID', 'deadlines.policyInvalid');
  }
  if (input.messageKind && !MESSAGE_KINDS.includes(input.messageKind)) {
    throw new DomainError('INVALID', 'deadlines.policyInvalid');
  }
  const days = [input.extensionDays, input.forwardDays, input.noticeDays];
  if (!days.every((d) => d == null || (Number.isInteger(d) && d >= 0 && d <= 365))) {
    throw new DomainError('INVALID', 'deadlines.policyInvalid');
  }
  // The law caps the extension: 30 days under 59-FZ, a 15-day deferral under 8-FZ.
  const legalMax = LEGAL_MAX_EXTENSION[input.basis];
  if (legalMax != null && (input.extensionDays ?? 0) > legalMax) {
    throw new DomainError('INVALID', 'deadlines.extensionOverLaw', { max: legalMax });
  }
  const now = ctx.clock.now().toISOString();
  const row = {
    name: input.name.trim(),
    basis: input.basis,
    channel: input.channel || null,
    touchpoint_id: input.touchpointId ?? null,
    process_id: input.processId ?? null,
    segment: input.segment || null,
    message_kind: input.messageKind || null,
    ack_amount: input.ack?.amount ?? null,
    ack_unit: input.ack?.unit ?? null,
    first_amount: input.first?.amount ?? null,
    first_unit: input.first?.unit ?? null,
    answer_amount: input.answer?.amount ?? null,
    answer_unit: input.answer?.unit ?? null,
    extension_days: input.extensionDays ?? null,
    forward_days: input.forwardDays ?? null,
    notice_days: input.noticeDays ?? null,
    active: input.active === false ? 0 : 1,
    updated_at: now,
  };
  return inTransaction(ctx, async (trx) => {
    let id = input.id ?? null;
    if (id != null) {
      const res = await trx
        .updateTable('deadline_policies')
        .set(row)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!res.numUpdatedRows) throw new DomainError('NOT_FOUND', 'errors.notFound');
    } else {
      ({ id } = await trx
        .insertInto('deadline_policies')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'deadlines.policy',
      entity: 'deadline_policy',
      entityId: String(id),
      details: row,
    });
    return id;
  });
}

export async function saveDeadlineSettings(
  ctx: ServiceContext,
  actor: Actor,
  input: Partial<DeadlineSettings>,
): Promise<void> {
  assertRole(actor, ['admin']);
  const s = { ...(await deadlineSettings(ctx.db)), ...input };
  const valid =
    Number.isInteger(s.officeStart) &&
    Number.isInteger(s.officeEnd) &&
    s.officeStart >= 0 &&
    s.officeEnd <= 1440 &&
    s.officeStart < s.officeEnd &&
    s.warnShare > 0 &&
    s.warnShare < 1 &&
    s.holdoutShare > 0 &&
    s.holdoutShare < 1 &&
    ['least_open', 'round_robin'].includes(s.routingStrategy);
  if (!valid) throw new DomainError('INVALID', 'deadlines.settingsInvalid');
  const row = {
    office_start: s.officeStart,
    office_end: s.officeEnd,
    warn_share: s.warnShare,
    routing_strategy: s.routingStrategy,
    holdout_share: s.holdoutShare,
    updated_at: ctx.clock.now().toISOString(),
  };
  await inTransaction(ctx, async (trx) => {
    const res = await trx
      .updateTable('deadline_settings')
      .set(row)
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!res.numUpdatedRows) {
      await trx
        .insertInto('deadline_settings')
        .values({ id: 1, ...row })
        .execute();
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'deadlines.settings',
      entity: 'deadline_settings',
      entityId: null,
      details: row,
    });
  });
}
