import { error, fail, redirect } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n/messages';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { rawAnswers } from '$lib/server/surveys/form-answers';
import { answerSurvey, surveyPage } from '$lib/server/surveys/respond.service';
import type { Actions, PageServerLoad } from './$types';

function notFound(err: unknown): never {
  if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'surveys.notFound');
  throw err;
}

export const load: PageServerLoad = async ({ params, setHeaders, url }) => {
  // The token is the key to the answer: never cached, never sent on as a referrer.
  setHeaders({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
  let page;
  try {
    page = await surveyPage(appContext(), params.token);
  } catch (err) {
    notFound(err);
  }
  // An address from before links were per reply leads to the link's own address.
  if (page.moved) redirect(307, `/s/${page.token}${url.search}`);
  return { survey: page };
};

export const actions: Actions = {
  default: async ({ request, params, getClientAddress, url }) => {
    const form = await request.formData();
    const lang = pickLocale(url.searchParams.get('lang') ?? String(form.get('lang') ?? ''));
    const answers = rawAnswers(form);
    let result;
    try {
      result = await answerSurvey(appContext(), {
        token: params.token,
        answers,
        address: getClientAddress(),
      });
    } catch (err) {
      notFound(err);
    }
    if (!result.ok) {
      const status = result.error === 'surveys.rateLimited' ? 429 : 400;
      return fail(status, { error: result.error, problems: result.problems ?? [], answers });
    }
    redirect(303, `/s/${result.token}?lang=${lang}&${result.updated ? 'updated' : 'saved'}=1`);
  },
};
