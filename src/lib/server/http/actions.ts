import { fail, type RequestEvent } from '@sveltejs/kit';
import { hasAnyRole, type Role } from '../../domain/roles';
import type { Actor } from '../context';
import { DomainError } from '../errors';

type Handler<T> = (
  event: RequestEvent,
  actor: Actor & { kind: 'user' },
  form: FormData,
) => Promise<T>;

/**
 * The only way to write a console form action: it names the roles it allows, and
 * a domain error comes back as `{ error, details, values }` for the form to show.
 */
export function guarded<T>(allowed: readonly Role[], handler: Handler<T>) {
  return async (event: RequestEvent) => {
    const user = event.locals.user;
    if (!user) return fail(401, { error: 'errors.unauthenticated' as const });
    if (!hasAnyRole(user.roles, allowed)) return fail(403, { error: 'errors.forbidden' as const });
    const form = await event.request.formData();
    try {
      return await handler(event, { kind: 'user', userId: user.id, roles: user.roles }, form);
    } catch (err) {
      if (err instanceof DomainError) {
        const status = err.code === 'FORBIDDEN' ? 403 : err.code === 'NOT_FOUND' ? 404 : 400;
        const values = Object.fromEntries(
          [...form.entries()].filter(([k, v]) => typeof v === 'string' && !/password/i.test(k)),
        );
        return fail(status, { error: err.message, details: err.details ?? null, values });
      }
      throw err;
    }
  };
}

export function text(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
