import { z } from 'zod';
import { createChecker, type Checker } from '../../domain/style/checker';
import type { AgencyLexicon } from '../../domain/style/lexicon';
import { CATEGORIES, SEVERITIES } from '../../domain/style/types';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { nodeDictionaryLoader } from './dictionary';

const term = z.string().trim().min(1).max(100);

export const lexiconInput = z.object({
  accepted: z.array(term).max(5000),
  banned: z
    .array(
      z.object({
        term,
        suggestion: z.string().trim().max(100).optional(),
        message: z.string().trim().max(300).optional(),
        category: z.enum(CATEGORIES).optional(),
        severity: z.enum(SEVERITIES).optional(),
      }),
    )
    .max(2000),
  preferred: z.array(z.object({ term, instead: z.array(term).min(1).max(20) })).max(1000),
});

export interface LexiconRevision {
  revision: number;
  lexicon: AgencyLexicon;
  summary: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function lexiconRevisions(db: Db, limit = 50): Promise<LexiconRevision[]> {
  const rows = await db
    .selectFrom('style_lexicon_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select([
      'r.revision',
      'r.lexicon',
      'r.summary',
      'u.name as createdBy',
      'r.created_at as createdAt',
    ])
    .orderBy('r.revision', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, lexicon: JSON.parse(r.lexicon) as AgencyLexicon }));
}

/** The dictionary in force: the latest revision, or none. */
export async function currentLexicon(
  db: Db,
): Promise<{ revision: number; lexicon: AgencyLexicon }> {
  const [latest] = await lexiconRevisions(db, 1);
  return latest ?? { revision: 0, lexicon: {} };
}

const checkers = new Map<number, Promise<Checker>>();

/** The server's checker with the agency dictionary of the given revision, built once per revision. */
export function checkerFor(revision: number, lexicon: AgencyLexicon): Promise<Checker> {
  let checker = checkers.get(revision);
  if (!checker) {
    checker = createChecker({ loadDictionary: nodeDictionaryLoader(), lexicon });
    checker.catch(() => checkers.delete(revision));
    checkers.set(revision, checker);
    for (const key of checkers.keys()) if (key < revision - 2) checkers.delete(key);
  }
  return checker;
}

/** Editors extend the checker for their agency; each save is a new audited revision (issue 8). */
export async function saveLexicon(
  ctx: ServiceContext,
  actor: Actor,
  input: { lexicon: z.input<typeof lexiconInput>; summary?: string | null },
): Promise<number> {
  assertRole(actor, ['editor']);
  const parsed = lexiconInput.safeParse(input.lexicon);
  if (!parsed.success) throw new DomainError('INVALID', 'style.lexicon.invalid');
  const lexicon = parsed.data;
  // A banned word must be found by the rule it becomes: build the checker before saving.
  const trial = await createChecker({ loadDictionary: nodeDictionaryLoader(), lexicon });
  if (trial.rejected.length) {
    throw new DomainError('INVALID', 'style.lexicon.rejected', {
      rules: trial.rejected.map((r) => r.id).join(', '),
    });
  }
  return inTransaction(ctx, async (trx) => {
    const last = await trx
      .selectFrom('style_lexicon_revisions')
      .select((eb) => eb.fn.max('revision').as('n'))
      .executeTakeFirst();
    const revision = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('style_lexicon_revisions')
      .values({
        revision,
        lexicon: JSON.stringify(lexicon),
        summary: input.summary?.trim() || null,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'style.lexicon.save',
      entity: 'style_lexicon',
      entityId: revision,
      details: {
        accepted: lexicon.accepted.length,
        banned: lexicon.banned.length,
        preferred: lexicon.preferred.length,
      },
    });
    return revision;
  });
}
