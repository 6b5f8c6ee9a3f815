import {
  ACCESS_ACTIONS,
  listClientAccess,
  type AccessAction,
} from '$lib/server/privacy/access-log.queries';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

const PAGE = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positive(v: string | null): number | null {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : null;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export const load: PageServerLoad = async ({ url }) => {
  const db = appContext().db;
  const q = url.searchParams;
  const action = q.get('action');
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const filter = {
    userId: positive(q.get('user')),
    clientId: positive(q.get('client')),
    action: ACCESS_ACTIONS.includes(action as AccessAction) ? (action as AccessAction) : null,
    from: DATE.test(from) ? `${from}T00:00:00.000Z` : null,
    to: DATE.test(to) ? nextDay(to) : null,
  };
  const rows = await listClientAccess(db, {
    ...filter,
    before: positive(q.get('before')),
    limit: PAGE + 1,
  });
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .orderBy('name')
    .execute();
  return {
    rows: rows.slice(0, PAGE),
    more: rows.length > PAGE ? rows[PAGE - 1]!.id : null,
    users,
    actions: ACCESS_ACTIONS,
    filter: {
      user: filter.userId ? String(filter.userId) : '',
      client: filter.clientId ? String(filter.clientId) : '',
      action: filter.action ?? '',
      from: filter.from ? from : '',
      to: filter.to ? to : '',
    },
  };
};
