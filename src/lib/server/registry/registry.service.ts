import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { applyChange } from './apply';
import { checkEntries } from './checks';
import { proposalInput, type ProposalInput } from './proposal-payload';
import { insertProposal, listProposals, reviewProposal } from './proposals.queries';
import { listRegistryRows, type RegistryRowView } from './registry.queries';
import { toEntry } from './to-entry';
import { recordVersion } from './versions.service';

const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export function workingRegistry(ctx: ServiceContext): Promise<RegistryRowView[]> {
  return listRegistryRows(ctx.db);
}

/** Any staff member may propose; the change waits for the maintainer (seed 000 §4.5, §6.4). */
export async function propose(ctx: ServiceContext, actor: Actor, raw: ProposalInput) {
  assertRole(actor, ['operator', 'supervisor', 'editor', 'maintainer', 'admin']);
  const parsed = proposalInput.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))];
    throw new DomainError('INVALID', 'registry.invalidProposal', { problems: fields.join(', ') });
  }
  const input = parsed.data;
  const now = ctx.clock.now().toISOString();
  // Dry-apply in a transaction that is always rolled back, so a proposal that could never be
  // approved as it stands is refused now, with the same message approval would give.
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await applyChange(trx, input.change, now);
      checkEntries((await listRegistryRows(trx)).map(toEntry));
      throw ROLLBACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLBACK) throw err;
    });
  return inTransaction(ctx, async (trx, emit) => {
    const id = await insertProposal(trx, {
      kind: input.change.kind,
      reason: input.reason,
      reasonText: input.reasonText,
      rowId: 'rowId' in input.change ? input.change.rowId : null,
      payload: input.change,
      proposedBy: actorId(actor),
      now,
    });
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'registry.propose',
      entity: 'registry_proposal',
      entityId: id,
      details: { kind: input.change.kind, reason: input.reason },
    });
    emit('registry.proposed', { proposalId: id });
    return id;
  });
}

const ROLLBACK = Symbol('rollback');

export function proposals(ctx: ServiceContext, actor: Actor, filter: { status?: string } = {}) {
  const reviewer = actor.kind === 'system' || actor.roles.includes('maintainer');
  return listProposals(ctx.db, reviewer ? filter : { ...filter, proposedBy: actorId(actor) ?? -1 });
}

export async function returnProposal(
  ctx: ServiceContext,
  actor: Actor,
  input: { id: number; comment: string },
) {
  assertRole(actor, ['maintainer']);
  const comment = input.comment.trim();
  if (!comment) throw new DomainError('INVALID', 'registry.commentRequired');
  await inTransaction(ctx, async (trx, emit) => {
    const ok = await reviewProposal(trx, input.id, {
      status: 'returned',
      by: actorId(actor),
      at: ctx.clock.now().toISOString(),
      comment,
    });
    if (!ok) throw new DomainError('CONFLICT', 'registry.proposalNotPending');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'registry.return',
      entity: 'registry_proposal',
      entityId: input.id,
      details: { comment },
    });
    emit('registry.reviewed', { proposalId: input.id, status: 'returned' });
  });
}

export async function withdrawProposal(ctx: ServiceContext, actor: Actor, id: number) {
  const [mine] = await listProposals(ctx.db, { ids: [id] });
  if (!mine) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (actor.kind === 'user' && mine.proposedById !== actor.userId) {
    throw new DomainError('FORBIDDEN', 'errors.forbidden');
  }
  await inTransaction(ctx, async (trx) => {
    const ok = await reviewProposal(trx, id, {
      status: 'withdrawn',
      by: actorId(actor),
      at: ctx.clock.now().toISOString(),
      comment: null,
    });
    if (!ok) throw new DomainError('CONFLICT', 'registry.proposalNotPending');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'registry.withdraw',
      entity: 'registry_proposal',
      entityId: id,
    });
  });
}

/**
 * Approves pending proposals together: applies them to the working registry, checks the whole
 * registry against the rules and records one numbered, immutable version. All or nothing.
 */
export async function approveProposals(
  ctx: ServiceContext,
  actor: Actor,
  input: { ids: number[]; comment?: string | null },
): Promise<{ versionNumber: number }> {
  assertRole(actor, ['maintainer']);
  const ids = [...new Set(input.ids)];
  if (!ids.length) throw new DomainError('INVALID', 'registry.nothingSelected');
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx, emit) => {
    const pending = await listProposals(trx, { ids, status: 'pending' });
    if (pending.length !== ids.length)
      throw new DomainError('CONFLICT', 'registry.proposalNotPending');
    const changes = [];
    for (const p of pending.sort((a, b) => a.id - b.id)) {
      const applied = await applyChange(trx, p.payload, now);
      changes.push({ ...applied, reason: p.reason, proposalId: p.id });
    }
    const version = await recordVersion(trx, ctx, actor, changes);
    for (const p of pending) {
      await reviewProposal(trx, p.id, {
        status: 'approved',
        by: actorId(actor),
        at: now,
        comment: input.comment?.trim() || null,
        versionId: version.id,
      });
      emit('registry.reviewed', { proposalId: p.id, status: 'approved' });
    }
    emit('registry.versionApproved', { versionNumber: version.number });
    return { versionNumber: version.number };
  });
}
