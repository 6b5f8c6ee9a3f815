import { error } from '@sveltejs/kit';
import { frameAncestors } from '$lib/domain/webforms/origins';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { submittedView } from '$lib/server/webforms/form.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders, locals }) => {
  try {
    const view = await submittedView(appContext(), params.slug, params.token);
    // Merged into the page's CSP by hooks.server.ts (elsewhere frame-ancestors is 'none').
    locals.frameAncestors = frameAncestors(view.frameAncestors);
    setHeaders({ 'Cache-Control': 'no-store' });
    return { view, slug: params.slug };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};
