import { z } from 'zod';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { newLineToken } from './tokens';

const ADMIN = ['admin'] as const;

export const lineInput = z.object({
  name: z.string().trim().min(1).max(200),
  number: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w+\-.@#*]+$/),
  touchpointId: z.number().int().positive(),
  defaultUserId: z.number().int().positive().nullish(),
});

async function phoneTouchpoint(db: Db, id: number) {
  const t = await db
    .selectFrom('touchpoints')
    .select(['id', 'channel'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (t?.channel !== 'phone') throw new DomainError('INVALID', 'telephony.touchpointNotPhone');
}

async function staffUser(db: Db, id: number) {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', id)
    .where('u.active', '=', 1)
    .where('r.role', 'in', ['operator', 'supervisor'])
    .executeTakeFirst();
  if (!user) throw new DomainError('INVALID', 'telephony.userUnknown');
}

/** Registers a PBX line; the token is returned once and only its hash is stored. */
export async function createLine(
  ctx: ServiceContext,
  actor: Actor,
  raw: z.input<typeof lineInput>,
): Promise<{ id: number; token: string }> {
  assertRole(actor, ADMIN);
  const parsed = lineInput.safeParse(raw);
  if (!parsed.success) throw new DomainError('INVALID', 'telephony.lineInvalid');
  const input = parsed.data;
  const now = ctx.clock.now().toISOString();
  const { token, hash, hint } = newLineToken();
  const id = await inTransaction(ctx, async (trx) => {
    await phoneTouchpoint(trx, input.touchpointId);
    if (input.defaultUserId) await staffUser(trx, input.defaultUserId);
    const taken = await trx
      .selectFrom('telephony_lines')
      .select('id')
      .where('number', '=', input.number)
      .executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', 'telephony.numberTaken');
    const { id } = await trx
      .insertInto('telephony_lines')
      .values({
        name: input.name,
        number: input.number,
        touchpoint_id: input.touchpointId,
        default_user_id: input.defaultUserId ?? null,
        token_hash: hash,
        token_hint: hint,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'telephony.line.create',
      entity: 'telephony_line',
      entityId: id,
      details: { name: input.name, number: input.number },
    });
    return id;
  });
  return { id, token };
}

/** A new token for a line; the old one stops working at once. */
export async function rotateLineToken(ctx: ServiceContext, actor: Actor, lineId: number) {
  assertRole(actor, ADMIN);
  const { token, hash, hint } = newLineToken();
  await inTransaction(ctx, async (trx) => {
    const res = await trx
      .updateTable('telephony_lines')
      .set({ token_hash: hash, token_hint: hint, token_rotated_at: ctx.clock.now().toISOString() })
      .where('id', '=', lineId)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'telephony.line.rotate',
      entity: 'telephony_line',
      entityId: lineId,
    });
  });
  return { token };
}

export async function setLineActive(
  ctx: ServiceContext,
  actor: Actor,
  input: { lineId: number; active: boolean },
) {
  assertRole(actor, ADMIN);
  await inTransaction(ctx, async (trx) => {
    const res = await trx
      .updateTable('telephony_lines')
      .set({ active: input.active ? 1 : 0 })
      .where('id', '=', input.lineId)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: input.active ? 'telephony.line.enable' : 'telephony.line.disable',
      entity: 'telephony_line',
      entityId: input.lineId,
    });
  });
}

const EXTENSION = /^[\w+\-.#*]{1,50}$/;

/** Maps a PBX extension to the operator who answers at it (one user per extension). */
export async function setAgent(
  ctx: ServiceContext,
  actor: Actor,
  input: { extension: string; userId: number },
) {
  assertRole(actor, ADMIN);
  const extension = input.extension.trim();
  if (!EXTENSION.test(extension)) throw new DomainError('INVALID', 'telephony.extensionInvalid');
  await inTransaction(ctx, async (trx) => {
    await staffUser(trx, input.userId);
    await trx.deleteFrom('telephony_agents').where('extension', '=', extension).execute();
    await trx
      .insertInto('telephony_agents')
      .values({ extension, user_id: input.userId, created_at: ctx.clock.now().toISOString() })
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'telephony.agent.set',
      entity: 'telephony_agent',
      entityId: extension,
      details: { userId: input.userId },
    });
  });
}

export async function removeAgent(ctx: ServiceContext, actor: Actor, extension: string) {
  assertRole(actor, ADMIN);
  await inTransaction(ctx, async (trx) => {
    const gone = await trx
      .deleteFrom('telephony_agents')
      .where('extension', '=', extension)
      .executeTakeFirst();
    // Nothing deleted (a second click, another admin was first): nothing to record.
    if (!Number(gone.numDeletedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'telephony.agent.remove',
      entity: 'telephony_agent',
      entityId: extension,
    });
  });
}
