import { initTRPC, TRPCError } from '@trpc/server';
import { hasAnyRole, type Role } from '../../domain/roles';
import type { SessionUser } from '../auth/auth.service';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { toTrpcError } from './errors';

export interface TrpcContext {
  user: SessionUser | null;
  services: ServiceContext;
}

const t = initTRPC.context<TrpcContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause instanceof DomainError ? error.cause : null;
    return { ...shape, data: { ...shape.data, details: cause?.details ?? null } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error.cause);
    if (mapped instanceof TRPCError) throw mapped;
  }
  return result;
});

/** Open to anyone, signed in or not; use only where that is the point. */
export const anonymousProcedure = t.procedure.use(mapErrors);

/**
 * The only way to declare a signed-in procedure: it names the roles it allows, and
 * everyone else gets FORBIDDEN. `'any'` means every signed-in user.
 */
export function procedureFor(...allowed: (Role | 'any')[]) {
  if (!allowed.length) throw new Error('procedureFor() needs at least one role');
  return t.procedure.use(mapErrors).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'errors.unauthenticated' });
    const open = allowed.includes('any');
    if (!open && !hasAnyRole(ctx.user.roles, allowed as Role[])) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
    }
    const actor: Actor = { kind: 'user', userId: ctx.user.id, roles: ctx.user.roles };
    return next({ ctx: { ...ctx, user: ctx.user, actor } });
  });
}
