import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { appRouter } from '$lib/server/trpc/router';

const handle: RequestHandler = ({ request, locals }) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => ({ user: locals.user, services: appContext() }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`[trpc] ${path}:`, error.cause ?? error);
    },
  });

export const GET = handle;
export const POST = handle;
