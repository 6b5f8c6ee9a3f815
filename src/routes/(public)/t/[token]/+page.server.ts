import { error, fail, redirect } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n/messages';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { addTrackingMessage, trackingView } from '$lib/server/webforms/tracking.service';
import type { Actions, PageServerLoad } from './$types';

function notFound(err: unknown): never {
  if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
  throw err;
}

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  // The token is the key to the page: never cached, never sent on as a referrer.
  setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  try {
    return { view: await trackingView(appContext(), params.token) };
  } catch (err) {
    notFound(err);
  }
};

export const actions: Actions = {
  default: async ({ request, params, getClientAddress, url }) => {
    const data = await request.formData();
    const text = String(data.get('text') ?? '').replace(/\r\n/g, '\n');
    const lang = pickLocale(url.searchParams.get('lang') ?? String(data.get('lang') ?? ''));
    let result;
    try {
      result = await addTrackingMessage(appContext(), {
        token: params.token,
        text,
        address: getClientAddress(),
        language: lang,
      });
    } catch (err) {
      notFound(err);
    }
    if (!result.ok) return fail(400, { error: result.error, text });
    redirect(303, `/t/${params.token}?lang=${lang}&added=1`);
  },
};
