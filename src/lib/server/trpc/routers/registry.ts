import { z } from 'zod';
import { proposalInput } from '../../registry/proposal-payload';
import {
  approveProposals,
  proposals,
  propose,
  returnProposal,
  withdrawProposal,
  workingRegistry,
} from '../../registry/registry.service';
import { toEntry } from '../../registry/to-entry';
import {
  compareVersions,
  publishedRegistry,
  publishVersion,
  versionEntries,
  versions,
} from '../../registry/versions.service';
import { anonymousProcedure, procedureFor, router } from '../init';

const STAFF = ['operator', 'supervisor', 'editor', 'maintainer', 'admin'] as const;
const id = z.number().int().positive();
const versionNumber = z.number().int().min(0);

export const registryRouter = router({
  rows: procedureFor(...STAFF).query(async ({ ctx }) =>
    (await workingRegistry(ctx.services)).map((r) => ({ id: r.id, ...toEntry(r) })),
  ),
  published: anonymousProcedure.query(({ ctx }) => publishedRegistry(ctx.services)),
  proposals: procedureFor(...STAFF)
    .input(
      z.object({ status: z.enum(['pending', 'returned', 'approved', 'withdrawn']).optional() }),
    )
    .query(({ ctx, input }) => proposals(ctx.services, ctx.actor, input)),
  propose: procedureFor(...STAFF)
    .input(proposalInput)
    .mutation(({ ctx, input }) => propose(ctx.services, ctx.actor, input)),
  withdraw: procedureFor(...STAFF)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => withdrawProposal(ctx.services, ctx.actor, input.id)),
  approve: procedureFor('maintainer')
    .input(z.object({ ids: z.array(id).min(1), comment: z.string().max(2000).nullish() }))
    .mutation(({ ctx, input }) => approveProposals(ctx.services, ctx.actor, input)),
  return: procedureFor('maintainer')
    .input(z.object({ id, comment: z.string().max(2000) }))
    .mutation(({ ctx, input }) => returnProposal(ctx.services, ctx.actor, input)),
  versions: procedureFor('maintainer').query(({ ctx }) => versions(ctx.services)),
  version: procedureFor('maintainer')
    .input(z.object({ number: id }))
    .query(({ ctx, input }) => versionEntries(ctx.services, input.number)),
  compare: procedureFor('maintainer')
    .input(z.object({ from: versionNumber, to: id }))
    .query(({ ctx, input }) => compareVersions(ctx.services, input.from, input.to)),
  publish: procedureFor('maintainer')
    .input(z.object({ number: id }))
    .mutation(({ ctx, input }) => publishVersion(ctx.services, ctx.actor, input.number)),
});
