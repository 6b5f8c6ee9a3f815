import { hasAnyRole } from '$lib/domain/roles';
import { createScript, publishedScripts } from '$lib/server/calls/scripts.service';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const db = appContext().db;
  const [scripts, processes] = await Promise.all([
    publishedScripts(db),
    db
      .selectFrom('processes as p')
      .innerJoin('registry_rows as r', 'r.process_id', 'p.id')
      .innerJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
      .select(['p.id', 'p.name'])
      .where('t.channel', '=', 'phone')
      .distinct()
      .orderBy('p.name')
      .execute(),
  ]);
  return { scripts, processes, mayAdd: hasAnyRole(locals.user!.roles, ['editor', 'supervisor']) };
};

export const actions: Actions = {
  default: guarded(['editor', 'supervisor'], async (_event, actor, form) => {
    const title = text(form, 'title').trim();
    await createScript(appContext(), actor, {
      title,
      body: text(form, 'body'),
      processIds: form
        .getAll('processId')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    });
    return { created: title };
  }),
};
