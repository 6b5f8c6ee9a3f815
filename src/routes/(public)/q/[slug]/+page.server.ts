import { error, fail, redirect } from '@sveltejs/kit';
import { pickLocale } from '$lib/i18n/messages';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { rawAnswers } from '$lib/server/surveys/form-answers';
import { publicSurvey, submitPublicSurvey } from '$lib/server/surveys/respond.service';
import type { Actions, PageServerLoad } from './$types';

/**
 * «Answered» is remembered for the browser session only, by a cookie that holds no identifier:
 * one submission per session is what seed 003 §3.3 (as anonymous as possible) leaves room for.
 */
const answeredCookie = (slug: string) => `otklik_q_${slug.replace(/[^a-z0-9_-]/gi, '')}`;

function notFound(err: unknown): never {
  if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'surveys.notFound');
  throw err;
}

export const load: PageServerLoad = async ({ params, cookies, url }) => {
  let q;
  try {
    q = await publicSurvey(appContext(), params.slug);
  } catch (err) {
    notFound(err);
  }
  return {
    questionnaire: q,
    answered: cookies.get(answeredCookie(params.slug)) === '1',
    done: url.searchParams.get('done') === '1',
  };
};

export const actions: Actions = {
  default: async ({ request, params, cookies, getClientAddress, url }) => {
    const form = await request.formData();
    const lang = pickLocale(url.searchParams.get('lang') ?? String(form.get('lang') ?? ''));
    if (cookies.get(answeredCookie(params.slug)) === '1') {
      redirect(303, `/q/${params.slug}?lang=${lang}&done=1`);
    }
    const answers = rawAnswers(form);
    let result;
    try {
      result = await submitPublicSurvey(appContext(), {
        slug: params.slug,
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
    // A session cookie (no Max-Age): it goes when the browser closes.
    cookies.set(answeredCookie(params.slug), '1', {
      path: `/q/${params.slug}`,
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
    });
    redirect(303, `/q/${params.slug}?lang=${lang}&done=1`);
  },
};
