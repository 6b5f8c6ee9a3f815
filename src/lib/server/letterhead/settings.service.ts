import { z } from 'zod';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { env } from '../env';
import { DomainError } from '../errors';
import { putAttachment, readAttachment } from '../files/attachment-store';

export interface Letterhead {
  agencyName: string;
  /** False while the name comes from OTKLIK_AGENCY. */
  agencyNameSet: boolean;
  emblem: { sha256: string; type: string } | null;
  requisites: string;
  signatoryName: string;
  signatoryPosition: string;
  numberPrefix: string;
  updatedAt: string | null;
}

export const EMBLEM_MAX_BYTES = 2 * 1024 * 1024;

/** The letterhead as set by the admin (seed 000 §3.5), with the configured agency name by default. */
export async function letterhead(db: Db): Promise<Letterhead> {
  const row = await db
    .selectFrom('letterhead_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    agencyName: row?.agency_name?.trim() || env().OTKLIK_AGENCY,
    agencyNameSet: !!row?.agency_name?.trim(),
    emblem:
      row?.emblem_sha256 && row.emblem_type
        ? { sha256: row.emblem_sha256, type: row.emblem_type }
        : null,
    requisites: row?.requisites ?? '',
    signatoryName: row?.signatory_name ?? '',
    signatoryPosition: row?.signatory_position ?? '',
    numberPrefix: row?.number_prefix ?? '',
    updatedAt: row?.updated_at ?? null,
  };
}

export async function agencyName(db: Db): Promise<string> {
  return (await letterhead(db)).agencyName;
}

const line = z.string().trim().max(300);

export const letterheadInput = z.object({
  agencyName: line,
  requisites: z.string().trim().max(2000),
  signatoryName: line,
  signatoryPosition: line,
  numberPrefix: z
    .string()
    .trim()
    .max(30)
    .regex(/^[\p{L}\p{N}\-/.]*$/u),
});

/** PNG or JPEG by their first bytes: the only images a PDF takes as they are. */
export function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e) {
    return 'image/png';
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'image/jpeg';
  }
  return null;
}

export type EmblemChange = { upload: Uint8Array } | { remove: true } | null;

export async function saveLetterhead(
  ctx: ServiceContext,
  actor: Actor,
  raw: z.input<typeof letterheadInput>,
  emblem: EmblemChange = null,
): Promise<void> {
  assertRole(actor, ['admin']);
  const parsed = letterheadInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('INVALID', 'letterhead.invalid', {
      fields: parsed.error.issues.map((i) => i.path.join('.')).join(', '),
    });
  }
  const input = parsed.data;
  let stored: { sha256: string; type: string } | null | undefined;
  if (emblem && 'upload' in emblem) {
    if (emblem.upload.byteLength > EMBLEM_MAX_BYTES) {
      throw new DomainError('INVALID', 'letterhead.emblemTooLarge');
    }
    const type = imageType(emblem.upload);
    if (!type) throw new DomainError('INVALID', 'letterhead.emblemType');
    stored = { sha256: await putAttachment(emblem.upload), type };
  } else if (emblem && 'remove' in emblem) {
    stored = null;
  }
  const now = ctx.clock.now().toISOString();
  const by = actor.kind === 'user' ? actor.userId : null;
  await inTransaction(ctx, async (trx) => {
    const values = {
      agency_name: input.agencyName || null,
      requisites: input.requisites.replace(/\r\n?/g, '\n'),
      signatory_name: input.signatoryName,
      signatory_position: input.signatoryPosition,
      number_prefix: input.numberPrefix,
      updated_by: by,
      updated_at: now,
      ...(stored === undefined
        ? {}
        : { emblem_sha256: stored?.sha256 ?? null, emblem_type: stored?.type ?? null }),
    };
    await trx
      .insertInto('letterhead_settings')
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'letterhead.update',
      entity: 'letterhead',
      entityId: 1,
      details: {
        ...input,
        emblem: stored === undefined ? 'kept' : stored ? 'uploaded' : 'removed',
      },
    });
  });
}

export async function emblemImage(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ bytes: Buffer; type: string }> {
  assertRole(actor, ['admin', 'operator', 'supervisor', 'editor']);
  const { emblem } = await letterhead(ctx.db);
  if (!emblem) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return { bytes: await readAttachment(emblem.sha256), type: emblem.type };
}
