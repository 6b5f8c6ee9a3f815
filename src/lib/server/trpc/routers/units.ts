import { z } from 'zod';
import { createUnit, listUnits } from '../../units/units.service';
import { procedureFor, router } from '../init';

export const unitsRouter = router({
  list: procedureFor('any').query(({ ctx }) => listUnits(ctx.services)),
  create: procedureFor('admin')
    .input(
      z.object({
        name: z.string().max(300),
        shortName: z.string().max(100).nullish(),
        parentId: z.number().int().positive().nullish(),
      }),
    )
    .mutation(({ ctx, input }) => createUnit(ctx.services, ctx.actor, input)),
});
