import { procedureFor, router } from '../init';

export const meRouter = router({
  get: procedureFor('any').query(({ ctx }) => ctx.user),
});
