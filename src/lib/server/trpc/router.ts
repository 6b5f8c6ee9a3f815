import { createCallerFactory, router } from './init';
import { meRouter } from './routers/me';
import { unitsRouter } from './routers/units';
import { usersRouter } from './routers/users';

export const appRouter = router({
  me: meRouter,
  users: usersRouter,
  units: unitsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
