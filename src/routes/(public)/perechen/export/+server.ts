import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { countHit, overLimit } from '$lib/server/security/public-limits';
import {
  EXPORT_FORMATS,
  exportPublished,
  type ExportFormat,
} from '$lib/server/registry/export.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, getClientAddress }) => {
  const ctx = appContext();
  const limited = await overLimit(ctx, 'registryExport', getClientAddress());
  if (limited) return limited;
  await countHit(ctx, 'registryExport', getClientAddress());
  const format = url.searchParams.get('format') ?? 'xlsx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) error(400, 'errors.invalid');
  const file = await exportPublished(ctx, format as ExportFormat);
  if (!file) error(404, 'errors.notFound');
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'public, max-age=300',
    },
  });
};
