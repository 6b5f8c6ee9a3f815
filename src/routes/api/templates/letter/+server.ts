import { appContext } from '$lib/server/context';
import { letterPdf } from '$lib/server/letterhead/letter.service';
import { actorOf, positiveInt, serve } from '../http';
import type { RequestHandler } from './$types';

/** A preview of the reply as a letter on the letterhead: marked «ПРОЕКТ», no number taken. */
export const POST: RequestHandler = async ({ locals, request }) => {
  const actor = actorOf(locals);
  const body = (await request.json().catch(() => ({}))) as { appealId?: unknown; text?: unknown };
  const appealId = positiveInt(body.appealId);
  const text = typeof body.text === 'string' ? body.text : '';
  const file = await serve(() => letterPdf(appContext(), actor, { appealId, text, draft: true }));
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  });
};
