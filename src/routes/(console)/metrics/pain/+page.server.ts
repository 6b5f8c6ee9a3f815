import { mayOpen } from '$lib/domain/navigation';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import {
  createAction,
  EDITORS,
  painMap,
  setActionStatus,
  setFixability,
} from '$lib/server/painmap/painmap.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const map = await painMap(
    appContext(),
    { kind: 'user', userId: user.id, roles: user.roles },
    { days: Number(url.searchParams.get('days') ?? 30) },
  );
  // Appeals open in the inbox; who cannot open it sees the number and the subject only.
  return { ...map, appealLinks: mayOpen(user.roles, '/inbox') };
};

export const actions: Actions = {
  fixability: guarded(EDITORS, async (_event, actor, form) => {
    const raw = text(form, 'fixability');
    const key = text(form, 'key');
    await setFixability(appContext(), actor, {
      key,
      fixability: raw === '' ? null : Number(raw),
      note: text(form, 'note'),
    });
    return { fixSaved: key };
  }),
  action: guarded(EDITORS, async (_event, actor, form) => {
    const title = text(form, 'title');
    const id = await createAction(appContext(), actor, {
      key: text(form, 'key'),
      title,
      description: text(form, 'description'),
      ownerId: Number(text(form, 'ownerId')),
      dueDate: text(form, 'dueDate'),
    });
    return { created: id, title: title.trim() };
  }),
  status: guarded(EDITORS, async (_event, actor, form) => {
    await setActionStatus(appContext(), actor, {
      id: Number(text(form, 'id')),
      status: text(form, 'status'),
    });
    return { statusSaved: true };
  }),
};
