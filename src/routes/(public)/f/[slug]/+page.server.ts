import { randomBytes } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { frameAncestors } from '$lib/domain/webforms/origins';
import { pickLocale } from '$lib/i18n/messages';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { publicForm } from '$lib/server/webforms/form.service';
import { readFiles, readSubmission } from '$lib/server/webforms/form-data';
import { submitWebform } from '$lib/server/webforms/submit.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders, locals }) => {
  try {
    const form = await publicForm(appContext(), params.slug);
    // Merged into the page's CSP by hooks.server.ts (elsewhere frame-ancestors is 'none').
    locals.frameAncestors = frameAncestors(form.frameAncestors);
    setHeaders({ 'Cache-Control': 'no-store' });
    return { form, submissionId: randomBytes(18).toString('base64url') };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};

export const actions: Actions = {
  default: async ({ request, params, getClientAddress, url }) => {
    const data = await request.formData();
    const submission = readSubmission(data, params.slug, getClientAddress());
    const lang = pickLocale(url.searchParams.get('lang') ?? submission.language);
    let result;
    try {
      result = await submitWebform(appContext(), {
        ...submission,
        files: await readFiles(submission.files),
        language: lang,
      });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
      throw err;
    }
    if (!result.ok) {
      const status = result.errors.form === 'webform.error.rateLimited' ? 429 : 400;
      return fail(status, {
        errors: result.errors,
        values: submission.values,
        consent: submission.consent,
      });
    }
    redirect(303, `/f/${params.slug}/done/${result.token}?lang=${lang}`);
  },
};
