import { z } from 'zod';
import {
  ACCESSIBILITY,
  normalizeEmail,
  normalizePhone,
  SEGMENTS,
} from '../../domain/clients/contacts';
import { recordAudit } from '../audit/audit.queries';
import { assertMaySeeClient } from '../appeals/access';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { indexAppeals } from '../search/appeal-search';
import { addContact, clientIdsByContacts, findClient } from './clients.queries';

export interface ClientInput {
  surname?: string | null;
  firstName?: string | null;
  patronymic?: string | null;
  organization?: string | null;
  email?: string | null;
  phone?: string | null;
  segment?: string | null;
}

const trimmed = (v: string | null | undefined) => v?.trim() || null;

/**
 * The client behind an inbound message: matched by normalised e-mail or phone, else created.
 * Contacts seen for the first time are added to the matched client (seed 001 §3.2.6: one
 * profile with the whole history). Runs inside the caller's transaction.
 */
export async function matchOrCreateClient(trx: Db, input: ClientInput, now: string) {
  const contacts = [
    input.email ? { kind: 'email' as const, value: normalizeEmail(input.email) } : null,
    input.phone ? { kind: 'phone' as const, value: normalizePhone(input.phone) } : null,
  ].filter((c): c is { kind: 'email' | 'phone'; value: string } => !!c?.value);
  const [existing] = await clientIdsByContacts(trx, contacts);
  let clientId = existing;
  if (clientId != null) {
    const client = await trx
      .selectFrom('clients')
      .select(['merged_into', 'first_name', 'surname'])
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow();
    clientId = client.merged_into ?? clientId;
    if (!client.first_name && !client.surname && (input.firstName || input.surname)) {
      await trx
        .updateTable('clients')
        .set({
          surname: trimmed(input.surname),
          first_name: trimmed(input.firstName),
          patronymic: trimmed(input.patronymic),
          updated_at: now,
        })
        .where('id', '=', clientId)
        .execute();
    }
  } else {
    const segment = (SEGMENTS as readonly string[]).includes(input.segment ?? '')
      ? input.segment!
      : input.organization
        ? 'legal_entity'
        : 'citizen';
    ({ id: clientId } = await trx
      .insertInto('clients')
      .values({
        surname: trimmed(input.surname),
        first_name: trimmed(input.firstName),
        patronymic: trimmed(input.patronymic),
        organization: trimmed(input.organization),
        segment,
        accessibility: '[]',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  for (const c of contacts) await addContact(trx, clientId, c, now);
  return clientId;
}

export const clientUpdate = z.object({
  id: z.number().int().positive(),
  surname: z.string().trim().max(200).nullish(),
  firstName: z.string().trim().max(200).nullish(),
  patronymic: z.string().trim().max(200).nullish(),
  organization: z.string().trim().max(500).nullish(),
  segment: z.enum(SEGMENTS),
  accessibility: z.array(z.enum(ACCESSIBILITY)),
  accessibilityNote: z.string().trim().max(2000).nullish(),
  preferredChannel: z.string().max(50).nullish(),
  addEmail: z.string().trim().max(320).nullish(),
  addPhone: z.string().trim().max(50).nullish(),
});

export async function updateClient(
  ctx: ServiceContext,
  actor: Actor,
  raw: z.input<typeof clientUpdate>,
) {
  assertRole(actor, ['operator', 'supervisor']);
  const parsed = clientUpdate.safeParse(raw);
  if (!parsed.success) throw new DomainError('INVALID', 'errors.invalid');
  const input = parsed.data;
  await assertMaySeeClient(ctx.db, actor, input.id);
  const email = input.addEmail ? normalizeEmail(input.addEmail) : null;
  if (input.addEmail && !email) throw new DomainError('INVALID', 'clients.badEmail');
  const phone = input.addPhone ? normalizePhone(input.addPhone) : null;
  if (input.addPhone && !phone) throw new DomainError('INVALID', 'clients.badPhone');
  const now = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (trx, emit) => {
    const res = await trx
      .updateTable('clients')
      .set({
        surname: input.surname || null,
        first_name: input.firstName || null,
        patronymic: input.patronymic || null,
        organization: input.organization || null,
        segment: input.segment,
        accessibility: JSON.stringify(input.accessibility),
        accessibility_note: input.accessibilityNote || null,
        preferred_channel: input.preferredChannel || null,
        updated_at: now,
      })
      .where('id', '=', input.id)
      .where('merged_into', 'is', null)
      .executeTakeFirst();
    if (!Number(res.numUpdatedRows)) throw new DomainError('NOT_FOUND', 'errors.notFound');
    for (const c of [
      email && { kind: 'email' as const, value: email },
      phone && { kind: 'phone' as const, value: phone },
    ]) {
      if (!c) continue;
      const [owner] = await clientIdsByContacts(trx, [c]);
      if (owner != null && owner !== input.id) {
        throw new DomainError('CONFLICT', 'clients.contactTaken', { value: c.value });
      }
      await addContact(trx, input.id, c, now);
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'client.update',
      entity: 'client',
      entityId: input.id,
    });
    const appeals = await trx
      .selectFrom('appeals')
      .select('id')
      .where('client_id', '=', input.id)
      .execute();
    await indexAppeals(
      trx,
      appeals.map((a) => a.id),
    );
    emit('client.updated', { clientId: input.id });
  });
}

export async function clientProfile(ctx: ServiceContext, id: number) {
  const client = await findClient(ctx.db, id);
  if (!client) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return client;
}
