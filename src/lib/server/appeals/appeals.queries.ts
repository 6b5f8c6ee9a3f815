import type { Db } from '../db';

export async function appealById(db: Db, id: number) {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function appealByNumber(db: Db, number: string) {
  return db.selectFrom('appeals').selectAll().where('number', '=', number).executeTakeFirst();
}

/** The process and owning unit a touchpoint serves when the registry gives exactly one. */
export async function soleProcessOf(db: Db, touchpointId: number) {
  const rows = await db
    .selectFrom('registry_rows as r')
    .innerJoin('processes as p', 'p.id', 'r.process_id')
    .select(['p.id', 'p.unit_id as unitId'])
    .where('r.touchpoint_id', '=', touchpointId)
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]! : null;
}

export async function touchpointById(db: Db, id: number) {
  return db
    .selectFrom('touchpoints')
    .select(['id', 'name', 'channel', 'mode'])
    .where('id', '=', id)
    .executeTakeFirst();
}
