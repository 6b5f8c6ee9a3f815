import { error } from '@sveltejs/kit';
import { DICTIONARY_FILES, type DictionaryFile } from '$lib/domain/style';
import { nodeDictionaryLoader } from '$lib/server/style/dictionary';
import type { RequestHandler } from './$types';

const load = nodeDictionaryLoader();

/** The morphology dictionary for the composer's checker worker; the files never change per version. */
export const GET: RequestHandler = async ({ params }) => {
  if (!(DICTIONARY_FILES as readonly string[]).includes(params.file)) error(404, 'errors.notFound');
  const body = await load(params.file as DictionaryFile);
  return new Response(body, {
    headers: {
      'Content-Type': params.file.endsWith('.json')
        ? 'application/json'
        : 'application/octet-stream',
      'Cache-Control': 'public, max-age=86400',
    },
  });
};
