import { error, json } from '@sveltejs/kit';
import { lookupCaller } from '$lib/server/calls/screen.service';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/** The call screen asks who is calling as the operator types the number. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  try {
    return json(
      await lookupCaller(
        appContext(),
        { kind: 'user', userId: user.id, roles: user.roles },
        url.searchParams.get('number') ?? '',
      ),
    );
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') error(403, 'errors.forbidden');
    throw err;
  }
};
