import { hasAnyRole, type Role } from '../../domain/roles';
import type { Actor } from '../context';
import { DomainError } from '../errors';

/** Services call this too: a transport's declaration is not the only guard. */
export function assertRole(actor: Actor, allowed: readonly Role[]): void {
  if (actor.kind === 'system') return;
  if (!hasAnyRole(actor.roles, allowed)) {
    throw new DomainError('FORBIDDEN', 'errors.forbidden');
  }
}
