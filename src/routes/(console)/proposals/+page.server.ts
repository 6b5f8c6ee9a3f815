import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { catalog } from '$lib/server/registry/catalog.service';
import { describeProposals } from '$lib/server/registry/describe';
import { proposalFromForm } from '$lib/server/registry/proposal-form';
import { propose, proposals, withdrawProposal } from '$lib/server/registry/registry.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const ctx = appContext();
  const mine = await proposals(ctx, { kind: 'user', userId: user.id, roles: user.roles });
  return {
    catalog: await catalog(ctx),
    mine: await describeProposals(
      ctx.db,
      mine.filter((p) => p.proposedById === user.id),
    ),
  };
};

export const actions: Actions = {
  propose: guarded(
    ['operator', 'supervisor', 'editor', 'maintainer', 'admin'],
    async (_event, actor, form) => ({
      proposed: await propose(appContext(), actor, proposalFromForm(form)),
    }),
  ),
  withdraw: guarded(
    ['operator', 'supervisor', 'editor', 'maintainer', 'admin'],
    async (_event, actor, form) => {
      const id = Number(text(form, 'id'));
      await withdrawProposal(appContext(), actor, id);
      return { withdrawn: id };
    },
  ),
};
