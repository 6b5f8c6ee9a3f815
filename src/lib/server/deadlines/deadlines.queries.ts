import type { Target, WorkTime } from '../../domain/deadlines/arithmetic';
import type { Basis, Policy } from '../../domain/deadlines/policy';
import { calendarOverrides } from '../calendar/calendar.service';
import type { Db } from '../db';
import type { DeadlinePoliciesTable } from '../db/schema';
import type { Selectable } from 'kysely';

export interface DeadlineSettings {
  officeStart: number;
  officeEnd: number;
  warnShare: number;
  routingStrategy: 'least_open' | 'round_robin';
  /** Share of confirmed appeals held out of training to measure the classifier. */
  holdoutShare: number;
}

/** Used until the admin saves the settings: office 09:00–18:00, warning at 80 % (issue 10). */
export const DEFAULT_SETTINGS: DeadlineSettings = {
  officeStart: 540,
  officeEnd: 1080,
  warnShare: 0.8,
  routingStrategy: 'least_open',
  holdoutShare: 0.2,
};

export async function deadlineSettings(db: Db): Promise<DeadlineSettings> {
  const row = await db
    .selectFrom('deadline_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  return {
    officeStart: row.office_start,
    officeEnd: row.office_end,
    warnShare: row.warn_share,
    routingStrategy: row.routing_strategy === 'round_robin' ? 'round_robin' : 'least_open',
    holdoutShare: row.holdout_share,
  };
}

export async function workTime(db: Db, settings?: DeadlineSettings): Promise<WorkTime> {
  const s = settings ?? (await deadlineSettings(db));
  return {
    overrides: await calendarOverrides(db),
    officeStart: s.officeStart,
    officeEnd: s.officeEnd,
  };
}

const target = (amount: number | null, unit: string | null): Target | null =>
  amount != null && unit ? ({ amount, unit } as Target) : null;

export function toPolicy(r: Selectable<DeadlinePoliciesTable>): Policy {
  return {
    id: r.id,
    name: r.name,
    basis: r.basis as Basis,
    channel: r.channel,
    touchpointId: r.touchpoint_id,
    processId: r.process_id,
    segment: r.segment,
    messageKind: r.message_kind,
    ack: target(r.ack_amount, r.ack_unit),
    first: target(r.first_amount, r.first_unit),
    answer: target(r.answer_amount, r.answer_unit),
    extensionDays: r.extension_days,
    forwardDays: r.forward_days,
    noticeDays: r.notice_days,
  };
}

export async function activePolicies(db: Db): Promise<Policy[]> {
  const rows = await db
    .selectFrom('deadline_policies')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(toPolicy);
}

export async function policyById(db: Db, id: number): Promise<Policy | null> {
  const r = await db
    .selectFrom('deadline_policies')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toPolicy(r) : null;
}

export function deadlineState(db: Db, appealId: number) {
  return db
    .selectFrom('appeal_deadlines')
    .selectAll()
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
}
