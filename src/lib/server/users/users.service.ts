import { isRole, type Role } from '../../domain/roles';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { hashPassword, passwordProblems } from '../auth/password';
import { deleteUserSessions } from '../auth/sessions.queries';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  replaceRoles,
  replaceUnits,
} from './users.queries';

export interface NewUserInput {
  email: string;
  name: string;
  position?: string | null;
  password: string;
  roles: string[];
  unitIds?: number[];
  locale?: 'ru' | 'en';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createUser(ctx: ServiceContext, actor: Actor, input: NewUserInput) {
  assertRole(actor, ['admin']);
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new DomainError('INVALID', 'users.invalidEmail');
  if (!input.name.trim()) throw new DomainError('INVALID', 'users.nameRequired');
  const roles = validRoles(input.roles);
  const problems = passwordProblems(input.password, email);
  if (problems.length) throw new DomainError('INVALID', problems[0]!, { problems });
  if (await findUserByEmail(ctx.db, email)) throw new DomainError('CONFLICT', 'users.emailTaken');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (trx, emit) => {
    const id = await insertUser(trx, {
      email,
      name: input.name.trim(),
      position: input.position?.trim() || null,
      password_hash: passwordHash,
      locale: input.locale ?? 'ru',
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: ctx.clock.now().toISOString(),
    });
    await replaceRoles(trx, id, roles);
    await replaceUnits(trx, id, input.unitIds ?? []);
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      details: { email, roles, unitIds: input.unitIds ?? [] },
    });
    emit('user.created', { userId: id, email });
    return id;
  });
}

export async function updateUserAccess(
  ctx: ServiceContext,
  actor: Actor,
  input: { userId: number; roles: string[]; unitIds: number[]; active: boolean },
) {
  assertRole(actor, ['admin']);
  const roles = validRoles(input.roles);
  const user = await findUserById(ctx.db, input.userId);
  if (!user) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (
    actor.kind === 'user' &&
    actor.userId === user.id &&
    (!input.active || !roles.includes('admin'))
  ) {
    throw new DomainError('INVALID', 'users.cannotDemoteSelf');
  }
  await inTransaction(ctx, async (trx, emit) => {
    await replaceRoles(trx, user.id, roles);
    await replaceUnits(trx, user.id, input.unitIds);
    await trx
      .updateTable('users')
      .set({ active: input.active ? 1 : 0 })
      .where('id', '=', user.id)
      .execute();
    if (!input.active) await deleteUserSessions(trx, user.id);
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'user.updateAccess',
      entity: 'user',
      entityId: user.id,
      details: { roles, unitIds: input.unitIds, active: input.active },
    });
    emit('user.updated', { userId: user.id, access: true });
  });
}

export async function setOwnLocale(ctx: ServiceContext, actor: Actor, locale: 'ru' | 'en') {
  if (actor.kind !== 'user') throw new DomainError('UNAUTHENTICATED', 'errors.unauthenticated');
  await inTransaction(ctx, async (trx, emit) => {
    await trx.updateTable('users').set({ locale }).where('id', '=', actor.userId).execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'user.setLocale',
      entity: 'user',
      entityId: actor.userId,
      details: { locale },
    });
    emit('user.updated', { userId: actor.userId });
  });
}

export function allUsers(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, ['admin']);
  return listUsers(ctx.db, ctx.clock.now());
}

function validRoles(input: string[]): Role[] {
  const roles = [...new Set(input)];
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) throw new DomainError('INVALID', 'users.unknownRole', { roles: bad });
  if (!roles.length) throw new DomainError('INVALID', 'users.roleRequired');
  return roles as Role[];
}
