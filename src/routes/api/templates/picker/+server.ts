import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { pickerTemplates } from '$lib/server/templates/picker.service';
import { actorOf, positiveInt, serve } from '../http';
import type { RequestHandler } from './$types';

/** The composer's template picker: published replies and guidance for one appeal, by a query. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const actor = actorOf(locals);
  const appealId = positiveInt(url.searchParams.get('appealId'));
  const q = (url.searchParams.get('q') ?? '').slice(0, 200);
  return json(await serve(() => pickerTemplates(appContext(), actor, { appealId, q })));
};
