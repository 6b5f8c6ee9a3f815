import { redirect } from '@sveltejs/kit';
import { isKind } from '$lib/domain/templates/lifecycle';
import { nextReviewDate, moscowToday } from '$lib/domain/templates/freshness';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { templateCatalog } from '$lib/server/templates/editor.service';
import { createTemplate } from '$lib/server/templates/templates.service';
import { consoleActor, templateForm } from '../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const ctx = appContext();
  const kind = url.searchParams.get('kind') ?? '';
  return {
    catalog: await templateCatalog(ctx, consoleActor(locals)),
    kind: isKind(kind) ? kind : 'reply',
    reviewBy: nextReviewDate(moscowToday(ctx.clock.now())),
    me: locals.user!.id,
  };
};

export const actions: Actions = {
  create: guarded(['editor'], async (_event, actor, form) => {
    const id = await createTemplate(appContext(), actor, {
      ...templateForm(form),
      kind: text(form, 'kind'),
    });
    redirect(303, `/templates/${id}?created=1`);
  }),
};
