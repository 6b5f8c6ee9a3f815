import { error } from '@sveltejs/kit';
import type { Actor } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';

/** The signed-in user as the services' actor; the services check the roles. */
export function actorOf(locals: App.Locals): Actor & { kind: 'user' } {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  return { kind: 'user', userId: user.id, roles: user.roles };
}

/** Runs a service call and turns its domain error into the matching HTTP status. */
export async function serve<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) {
      const status =
        err.code === 'FORBIDDEN'
          ? 403
          : err.code === 'NOT_FOUND'
            ? 404
            : err.code === 'UNAUTHENTICATED'
              ? 401
              : 400;
      error(status, err.message);
    }
    throw err;
  }
}

export function positiveInt(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) error(400, 'errors.invalid');
  return n;
}
