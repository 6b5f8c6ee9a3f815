import type { Db } from '../db';
import type { ProposalPayload } from './proposal-payload';

export interface ProposalRow {
  id: number;
  kind: string;
  reason: string;
  reasonText: string | null;
  rowId: number | null;
  payload: ProposalPayload;
  status: string;
  proposedBy: string | null;
  proposedById: number | null;
  proposedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  versionNumber: number | null;
}

export async function listProposals(
  db: Db,
  filter: { status?: string; proposedBy?: number; ids?: number[] } = {},
): Promise<ProposalRow[]> {
  let q = db
    .selectFrom('registry_proposals as p')
    .leftJoin('users as u', 'u.id', 'p.proposed_by')
    .leftJoin('users as r', 'r.id', 'p.reviewed_by')
    .leftJoin('registry_versions as v', 'v.id', 'p.version_id')
    .select([
      'p.id',
      'p.kind',
      'p.reason',
      'p.reason_text as reasonText',
      'p.row_id as rowId',
      'p.payload',
      'p.status',
      'u.name as proposedBy',
      'p.proposed_by as proposedById',
      'p.proposed_at as proposedAt',
      'r.name as reviewedBy',
      'p.reviewed_at as reviewedAt',
      'p.review_comment as reviewComment',
      'v.number as versionNumber',
    ])
    .orderBy('p.id', 'desc');
  if (filter.status) q = q.where('p.status', '=', filter.status);
  if (filter.proposedBy != null) q = q.where('p.proposed_by', '=', filter.proposedBy);
  if (filter.ids) q = q.where('p.id', 'in', filter.ids.length ? filter.ids : [-1]);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as ProposalPayload }));
}

export async function insertProposal(
  db: Db,
  p: {
    kind: string;
    reason: string;
    reasonText: string | null;
    rowId: number | null;
    payload: ProposalPayload;
    proposedBy: number | null;
    now: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('registry_proposals')
    .values({
      kind: p.kind,
      reason: p.reason,
      reason_text: p.reasonText,
      row_id: p.rowId,
      payload: JSON.stringify(p.payload),
      status: 'pending',
      proposed_by: p.proposedBy,
      proposed_at: p.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Moves a pending proposal on; false when it was no longer pending (someone got there first). */
export async function reviewProposal(
  db: Db,
  id: number,
  r: {
    status: 'approved' | 'returned' | 'withdrawn';
    by: number | null;
    at: string;
    comment: string | null;
    versionId?: number;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('registry_proposals')
    .set({
      status: r.status,
      reviewed_by: r.by,
      reviewed_at: r.at,
      review_comment: r.comment,
      version_id: r.versionId ?? null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
