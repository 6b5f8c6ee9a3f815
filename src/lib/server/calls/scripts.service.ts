import { z } from 'zod';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';

export interface Script {
  id: number;
  title: string;
  body: string;
  /** Processes the script is for; empty = any call. */
  processIds: number[];
}

/** Published call scripts (templates of kind `script`, seed 001 §3.2.5) with their processes. */
export async function publishedScripts(db: Db): Promise<Script[]> {
  const rows = await db
    .selectFrom('templates')
    .select(['id', 'title', 'body'])
    .where('kind', '=', 'script')
    .where('status', '=', 'published')
    .orderBy('title')
    .execute();
  if (!rows.length) return [];
  const links = await db
    .selectFrom('template_processes')
    .select(['template_id', 'process_id'])
    .where(
      'template_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    ...r,
    processIds: links.filter((l) => l.template_id === r.id).map((l) => l.process_id),
  }));
}

export const scriptInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20000),
  processIds: z.array(z.number().int().positive()).max(50),
});

/**
 * A plain published script, until the templates section brings drafts, review and versions
 * (issue «Phone channel»). Kept as a template of kind `script` with its first version.
 */
export async function createScript(
  ctx: ServiceContext,
  actor: Actor,
  raw: z.input<typeof scriptInput>,
) {
  assertRole(actor, ['editor', 'supervisor']);
  const parsed = scriptInput.safeParse(raw);
  if (!parsed.success) throw new DomainError('INVALID', 'scripts.invalid');
  const input = parsed.data;
  const now = ctx.clock.now().toISOString();
  const by = actor.kind === 'user' ? actor.userId : null;
  return inTransaction(ctx, async (trx) => {
    const processIds = [...new Set(input.processIds)];
    if (processIds.length) {
      const found = await trx
        .selectFrom('processes')
        .select('id')
        .where('id', 'in', processIds)
        .execute();
      if (found.length !== processIds.length) throw new DomainError('INVALID', 'scripts.invalid');
    }
    const body = input.body.replace(/\r\n?/g, '\n');
    const { id } = await trx
      .insertInto('templates')
      .values({
        kind: 'script',
        title: input.title,
        body,
        status: 'published',
        channels: JSON.stringify(['phone']),
        owner_id: by,
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const processId of processIds) {
      await trx
        .insertInto('template_processes')
        .values({ template_id: id, process_id: processId })
        .execute();
    }
    await trx
      .insertInto('template_versions')
      .values({
        template_id: id,
        version: 1,
        title: input.title,
        body,
        status: 'published',
        created_by: by,
        created_at: now,
      })
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'template.create',
      entity: 'template',
      entityId: id,
      details: { kind: 'script', title: input.title },
    });
    return id;
  });
}
