import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { emblemImage } from '$lib/server/letterhead/settings.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  try {
    const image = await emblemImage(appContext(), {
      kind: 'user',
      userId: user.id,
      roles: user.roles,
    });
    return new Response(new Uint8Array(image.bytes), {
      headers: { 'Content-Type': image.type, 'Content-Security-Policy': "default-src 'none'" },
    });
  } catch (err) {
    if (err instanceof DomainError) error(err.code === 'FORBIDDEN' ? 403 : 404, err.message);
    throw err;
  }
};
