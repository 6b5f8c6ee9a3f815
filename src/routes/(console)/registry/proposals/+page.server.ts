import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { approveProposals, proposals, returnProposal } from '$lib/server/registry/registry.service';
import { describeProposals } from '$lib/server/registry/describe';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const ctx = appContext();
  const all = await proposals(ctx, { kind: 'user', userId: user.id, roles: user.roles });
  const described = await describeProposals(ctx.db, all);
  return {
    pending: described.filter((p) => p.status === 'pending'),
    reviewed: described.filter((p) => p.status !== 'pending').slice(0, 50),
  };
};

export const actions: Actions = {
  approve: guarded(['maintainer'], async (_event, actor, form) => {
    const ids = form.getAll('ids').map(Number).filter(Number.isInteger);
    const { versionNumber } = await approveProposals(appContext(), actor, {
      ids,
      comment: text(form, 'comment'),
    });
    return { approved: versionNumber };
  }),
  return: guarded(['maintainer'], async (_event, actor, form) => {
    const id = Number(text(form, 'id'));
    await returnProposal(appContext(), actor, { id, comment: text(form, 'comment') });
    return { returned: id };
  }),
};
