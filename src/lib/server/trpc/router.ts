import { createCallerFactory, router } from './init';
import { meRouter } from './routers/me';
import { registryRouter } from './routers/registry';
import { unitsRouter } from './routers/units';
import { usersRouter } from './routers/users';

export const appRouter = router({
  me: meRouter,
  users: usersRouter,
  units: unitsRouter,
  registry: registryRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
