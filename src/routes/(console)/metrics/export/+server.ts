import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { exportMetricsXlsx } from '$lib/server/metrics/export.service';
import { parseMetricsQuery } from '$lib/server/metrics/query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  const ctx = appContext();
  try {
    const file = await exportMetricsXlsx(
      ctx,
      { kind: 'user', userId: user.id, roles: user.roles },
      parseMetricsQuery(url.searchParams, ctx.clock.now()),
    );
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
      },
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') error(403, err.message);
    throw err;
  }
};
