import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import {
  EXPORT_FORMATS,
  exportRegistry,
  type ExportFormat,
} from '$lib/server/registry/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  const format = url.searchParams.get('format') ?? 'xlsx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) error(400, 'errors.invalid');
  const version = Number(url.searchParams.get('version')) || null;
  try {
    const file = await exportRegistry(
      appContext(),
      { kind: 'user', userId: user.id, roles: user.roles },
      { format: format as ExportFormat, version, figures: url.searchParams.get('figures') === '1' },
    );
    return new Response(new Uint8Array(file.body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
      },
    });
  } catch (err) {
    if (err instanceof DomainError) error(err.code === 'FORBIDDEN' ? 403 : 404, err.message);
    throw err;
  }
};
