import { error } from '@sveltejs/kit';
import { attachment } from '$lib/server/appeals/view.service';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  try {
    const file = await attachment(
      appContext(),
      { kind: 'user', userId: user.id, roles: user.roles },
      Number(params.id),
    );
    return new Response(new Uint8Array(file.content), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        // Files from the public never render inline in the console's origin.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  } catch (err) {
    if (err instanceof DomainError) error(err.code === 'FORBIDDEN' ? 403 : 404, err.message);
    throw err;
  }
};
