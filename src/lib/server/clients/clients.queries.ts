import type { Db } from '../db';

export interface ClientRow {
  id: number;
  surname: string | null;
  firstName: string | null;
  patronymic: string | null;
  organization: string | null;
  segment: string;
  accessibility: string[];
  accessibilityNote: string | null;
  preferredChannel: string | null;
  mergedInto: number | null;
  emails: string[];
  phones: string[];
}

export async function findClients(db: Db, ids: number[]): Promise<ClientRow[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('clients').selectAll().where('id', 'in', ids).execute();
  const contacts = await db
    .selectFrom('client_contacts')
    .select(['client_id', 'kind', 'value'])
    .where('client_id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    surname: r.surname,
    firstName: r.first_name,
    patronymic: r.patronymic,
    organization: r.organization,
    segment: r.segment,
    accessibility: JSON.parse(r.accessibility) as string[],
    accessibilityNote: r.accessibility_note,
    preferredChannel: r.preferred_channel,
    mergedInto: r.merged_into,
    emails: contacts.filter((c) => c.client_id === r.id && c.kind === 'email').map((c) => c.value),
    phones: contacts.filter((c) => c.client_id === r.id && c.kind === 'phone').map((c) => c.value),
  }));
}

export async function findClient(db: Db, id: number): Promise<ClientRow | undefined> {
  return (await findClients(db, [id]))[0];
}

/** Clients that own any of the given normalised contacts. */
export async function clientIdsByContacts(
  db: Db,
  contacts: { kind: 'email' | 'phone'; value: string }[],
): Promise<number[]> {
  if (!contacts.length) return [];
  const rows = await db
    .selectFrom('client_contacts')
    .select('client_id')
    .where((eb) =>
      eb.or(contacts.map((c) => eb.and([eb('kind', '=', c.kind), eb('value', '=', c.value)]))),
    )
    .orderBy('client_id')
    .execute();
  return [...new Set(rows.map((r) => r.client_id))];
}

export async function addContact(
  db: Db,
  clientId: number,
  contact: { kind: 'email' | 'phone'; value: string },
  now: string,
): Promise<void> {
  await db
    .insertInto('client_contacts')
    .values({ client_id: clientId, kind: contact.kind, value: contact.value, created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
}
