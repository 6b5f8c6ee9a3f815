import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { fillTemplate } from '$lib/server/templates/picker.service';
import { actorOf, positiveInt, serve } from '../../http';
import type { RequestHandler } from './$types';

/** A reply template filled in for the appeal; the use is counted for the editors. */
export const POST: RequestHandler = async ({ locals, params, request }) => {
  const actor = actorOf(locals);
  const templateId = positiveInt(params.id);
  const body = (await request.json().catch(() => ({}))) as { appealId?: unknown };
  const appealId = positiveInt(body.appealId);
  return json(await serve(() => fillTemplate(appContext(), actor, { appealId, templateId })));
};
