import { error, fail } from '@sveltejs/kit';
import { isTransition } from '$lib/domain/templates/lifecycle';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { guarded, text } from '$lib/server/http/actions';
import { checkTemplate } from '$lib/server/templates/check';
import { templateCatalog, templateEditor } from '$lib/server/templates/editor.service';
import {
  confirmCurrent,
  moveTemplate,
  saveTemplate,
} from '$lib/server/templates/templates.service';
import { consoleActor, templateForm } from '../form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const ctx = appContext();
  const actor = consoleActor(locals);
  const template = await templateEditor(ctx, actor, Number(params.id)).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  });
  const [catalog, check] = await Promise.all([
    templateCatalog(ctx, actor),
    checkTemplate(ctx.db, template.kind, template.head.body),
  ]);
  return { template, catalog, check, created: url.searchParams.has('created') };
};

async function kindOf(id: number) {
  const row = await appContext()
    .db.selectFrom('templates')
    .select('kind')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) error(404, 'errors.notFound');
  return row.kind as 'reply' | 'script' | 'guide';
}

export const actions: Actions = {
  /** Saves a new version; the checklist of what was saved comes back with it. */
  save: guarded(['editor'], async (event, actor, form) => {
    const id = Number(event.params.id);
    const input = templateForm(form);
    const check = await checkTemplate(appContext().db, await kindOf(id), input.body);
    if (check.variables.length) {
      return fail(400, { error: 'templates.variables', details: null, check, values: null });
    }
    const saved = await saveTemplate(appContext(), actor, id, input);
    return { saved: saved.version, newVersion: saved.newVersion, check };
  }),
  /** The checklist of the text as it is in the form, without saving it. */
  check: guarded(['editor'], async (event, _actor, form) => {
    const id = Number(event.params.id);
    return {
      checked: true,
      check: await checkTemplate(appContext().db, await kindOf(id), text(form, 'body')),
    };
  }),
  move: guarded(['editor'], async (event, actor, form) => {
    const move = text(form, 'move');
    if (!isTransition(move))
      return fail(400, { error: 'errors.invalid', details: null, values: null });
    await moveTemplate(appContext(), actor, Number(event.params.id), move);
    return { moved: move };
  }),
  confirm: guarded(['editor'], async (event, actor) => {
    return { confirmed: await confirmCurrent(appContext(), actor, Number(event.params.id)) };
  }),
};
