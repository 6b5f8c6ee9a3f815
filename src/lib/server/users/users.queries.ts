import type { Role } from '../../domain/roles';
import type { Db } from '../db';
import type { NewUser } from '../db/schema';

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function rolesOf(db: Db, userId: number): Promise<Role[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('role')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.role as Role);
}

export async function replaceRoles(db: Db, userId: number, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function replaceUnits(db: Db, userId: number, unitIds: readonly number[]) {
  await db.deleteFrom('user_units').where('user_id', '=', userId).execute();
  if (unitIds.length) {
    await db
      .insertInto('user_units')
      .values(unitIds.map((unit_id) => ({ user_id: userId, unit_id })))
      .execute();
  }
}

export async function recordLoginFailure(db: Db, userId: number, lockedUntil: string | null) {
  await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), locked_until: lockedUntil }))
    .where('id', '=', userId)
    .execute();
}

export async function clearLoginFailures(db: Db, userId: number) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  position: string | null;
  active: boolean;
  locked: boolean;
  roles: Role[];
  units: { id: number; name: string }[];
}

export async function listUsers(db: Db, now: Date): Promise<UserListItem[]> {
  const users = await db.selectFrom('users').selectAll().orderBy('name').execute();
  const roles = await db.selectFrom('user_roles').selectAll().execute();
  const units = await db
    .selectFrom('user_units')
    .innerJoin('units', 'units.id', 'user_units.unit_id')
    .select(['user_units.user_id', 'units.id', 'units.name'])
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    position: u.position,
    active: u.active === 1,
    locked: u.locked_until != null && u.locked_until > now.toISOString(),
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
    units: units.filter((x) => x.user_id === u.id).map((x) => ({ id: x.id, name: x.name })),
  }));
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
