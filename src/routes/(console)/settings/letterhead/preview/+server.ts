import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { letterheadPreview } from '$lib/server/letterhead/letter.service';
import type { RequestHandler } from './$types';

/** The letterhead with a sample letter, as the admin sets it up (seed 000 §3.5). */
export const GET: RequestHandler = async ({ locals }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  try {
    const file = await letterheadPreview(appContext(), {
      kind: 'user',
      userId: user.id,
      roles: user.roles,
    });
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) error(err.code === 'FORBIDDEN' ? 403 : 400, err.message);
    throw err;
  }
};
