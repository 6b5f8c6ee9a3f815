import type { AppealSearchSource } from '../../domain/search/appeal-document';
import type { Db } from '../db';

/** What each appeal's search document is built from, for the appeals that still exist. */
export async function searchSources(
  db: Db,
  appealIds: readonly number[],
): Promise<Map<number, AppealSearchSource>> {
  const out = new Map<number, AppealSearchSource>();
  if (!appealIds.length) return out;
  const ids = [...appealIds];
  const appeals = await db
    .selectFrom('appeals as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.id',
      'a.number',
      'a.subject',
      'a.client_id',
      'c.surname',
      'c.first_name',
      'c.patronymic',
      'c.organization',
    ])
    .where('a.id', 'in', ids)
    .execute();
  if (!appeals.length) return out;
  const clientIds = [...new Set(appeals.map((a) => a.client_id))];
  const contacts = await db
    .selectFrom('client_contacts')
    .select(['client_id', 'value'])
    .where('client_id', 'in', clientIds)
    .orderBy('id')
    .execute();
  const interactions = await db
    .selectFrom('interactions')
    .select(['appeal_id', 'subject', 'text'])
    .where('appeal_id', 'in', ids)
    .orderBy('appeal_id')
    .orderBy('at')
    .orderBy('id')
    .execute();
  const contactsOf = groupBy(contacts, (c) => c.client_id);
  const interactionsOf = groupBy(interactions, (i) => i.appeal_id);
  for (const a of appeals) {
    out.set(a.id, {
      number: a.number,
      subject: a.subject,
      client: {
        surname: a.surname,
        firstName: a.first_name,
        patronymic: a.patronymic,
        organization: a.organization,
      },
      contacts: (contactsOf.get(a.client_id) ?? []).map((c) => c.value),
      interactions: interactionsOf.get(a.id) ?? [],
    });
  }
  return out;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
