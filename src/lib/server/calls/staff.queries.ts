import type { Db } from '../db';
import { DomainError } from '../errors';

/** Operators and supervisors who may own a call, a follow-up or a callback. */
export function staffList(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.name'])
    .where('r.role', 'in', ['operator', 'supervisor'])
    .where('u.active', '=', 1)
    .distinct()
    .orderBy('u.name')
    .execute();
}

export async function assertStaff(db: Db, userId: number) {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where('r.role', 'in', ['operator', 'supervisor'])
    .executeTakeFirst();
  if (!row) throw new DomainError('INVALID', 'calls.userUnknown');
}

export async function assertUnit(db: Db, unitId: number) {
  const row = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!row) throw new DomainError('INVALID', 'calls.unitUnknown');
}

export async function assertPhoneTouchpoint(db: Db, touchpointId: number) {
  const t = await db
    .selectFrom('touchpoints')
    .select('channel')
    .where('id', '=', touchpointId)
    .executeTakeFirst();
  if (t?.channel !== 'phone') throw new DomainError('INVALID', 'calls.touchpointNotPhone');
}
