import {
  ACCESS_ACTIONS,
  listClientAccess,
  type AccessAction,
} from '$lib/server/privacy/access-log.queries';
import { addDays, isIsoDate } from '$lib/domain/calendar/dates';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

const PAGE = 100;

function positive(v: string | null): number | null {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : null;
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
    from: isIsoDate(from) ? `${from}T00:00:00.000Z` : null,
    to: isIsoDate(to) ? `${addDays(to, 1)}T00:00:00.000Z` : null,
  };
  const [rows, users] = await Promise.all([
    listClientAccess(db, { ...filter, before: positive(q.get('before')), limit: PAGE + 1 }),
    db.selectFrom('users').select(['id', 'name', 'email']).orderBy('name').execute(),
  ]);
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
