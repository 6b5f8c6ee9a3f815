import { z } from 'zod';
import { ROLES } from '../../../domain/roles';
import { allUsers, createUser, setOwnLocale, updateUserAccess } from '../../users/users.service';
import { procedureFor, router } from '../init';

export const usersRouter = router({
  list: procedureFor('admin').query(({ ctx }) => allUsers(ctx.services, ctx.actor)),
  create: procedureFor('admin')
    .input(
      z.object({
        email: z.string().max(200),
        name: z.string().max(200),
        position: z.string().max(200).nullish(),
        password: z.string().max(200),
        roles: z.array(z.enum(ROLES)).max(ROLES.length),
        unitIds: z.array(z.number().int().positive()).max(100).default([]),
      }),
    )
    .mutation(({ ctx, input }) => createUser(ctx.services, ctx.actor, input)),
  updateAccess: procedureFor('admin')
    .input(
      z.object({
        userId: z.number().int().positive(),
        roles: z.array(z.enum(ROLES)).max(ROLES.length),
        unitIds: z.array(z.number().int().positive()).max(100),
        active: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => updateUserAccess(ctx.services, ctx.actor, input)),
  setLocale: procedureFor('any')
    .input(z.object({ locale: z.enum(['ru', 'en']) }))
    .mutation(({ ctx, input }) => setOwnLocale(ctx.services, ctx.actor, input.locale)),
});
