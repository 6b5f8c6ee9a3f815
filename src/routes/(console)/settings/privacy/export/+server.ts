import { error, redirect } from '@sveltejs/kit';
import { hasAnyRole } from '$lib/domain/roles';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { exportClientData, type ClientKey } from '$lib/server/privacy/export.service';
import type { RequestHandler } from './$types';

/** GET /settings/privacy/export?client=ID | ?email=X — a JSON file of everything about a client. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  if (!hasAnyRole(user.roles, ['admin'])) error(403, 'errors.forbidden');
  const client = url.searchParams.get('client')?.trim();
  const email = url.searchParams.get('email')?.trim();
  const back = (key: string) => redirect(303, `/settings/privacy?exportError=${key}#export`);
  let key: ClientKey;
  if (client) {
    const id = Number(client);
    if (!Number.isInteger(id) || id <= 0) back('privacy.error.noClient');
    key = { clientId: id };
  } else if (email) key = { email };
  else back('privacy.error.key');
  try {
    const data = await exportClientData(
      appContext(),
      { kind: 'user', userId: user.id, roles: user.roles },
      key!,
    );
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="client-${data.client.id}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (err) {
    if (err instanceof DomainError && err.code !== 'FORBIDDEN') back(err.message);
    if (err instanceof DomainError) error(403, 'errors.forbidden');
    throw err;
  }
};
