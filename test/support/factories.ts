import type { Role } from '../../src/lib/domain/roles';
import { SYSTEM, type Actor, type ServiceContext } from '../../src/lib/server/context';
import { createUnit } from '../../src/lib/server/units/units.service';
import { createUser } from '../../src/lib/server/users/users.service';

export const TEST_PASSWORD = 'correct-horse-battery';

let seq = 0;

/** A valid user in one call; returns the actor that user acts as. */
export async function makeUser(
  ctx: ServiceContext,
  roles: Role[],
  overrides: { email?: string; name?: string; unitIds?: number[]; password?: string } = {},
): Promise<Actor & { kind: 'user'; email: string }> {
  seq++;
  const email = overrides.email ?? `user${seq}-${roles.join('-')}@otklik.test`;
  const userId = await createUser(ctx, SYSTEM, {
    email,
    name: overrides.name ?? `Тестова Мария ${seq}`,
    password: overrides.password ?? TEST_PASSWORD,
    roles,
    unitIds: overrides.unitIds ?? [],
  });
  return { kind: 'user', userId, roles, email };
}

export function makeUnit(ctx: ServiceContext, name = `Отдел ${++seq}`): Promise<number> {
  return createUnit(ctx, SYSTEM, { name });
}
