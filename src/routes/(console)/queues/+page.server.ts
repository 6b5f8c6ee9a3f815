import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { liveBoard, reassign } from '$lib/server/live/board.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  return liveBoard(appContext(), { kind: 'user', userId: user.id, roles: user.roles });
};

export const actions: Actions = {
  reassign: guarded(['supervisor'], async (_event, actor, form) => {
    const to = text(form, 'assigneeId');
    const count = await reassign(appContext(), actor, {
      appealIds: form.getAll('appealId').map(Number),
      assigneeId: to === '' || to === 'pool' ? null : Number(to),
      reason: text(form, 'reason'),
    });
    return { done: 'live.reassigned', count };
  }),
};
