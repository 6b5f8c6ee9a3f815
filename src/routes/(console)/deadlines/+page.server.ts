import { ALERT_STATES, type AlertState } from '$lib/domain/deadlines/alerts';
import { appContext } from '$lib/server/context';
import { deadlineList } from '$lib/server/deadlines/alerts.service';
import type { PageServerLoad } from './$types';

const id = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const raw = url.searchParams.get('state');
  const state = (ALERT_STATES as readonly string[]).includes(raw ?? '')
    ? (raw as AlertState)
    : null;
  const filters = {
    state,
    unitId: id(url.searchParams.get('unit')),
    assigneeId: id(url.searchParams.get('assignee')),
  };
  const list = await deadlineList(
    appContext(),
    { kind: 'user', userId: user.id, roles: user.roles },
    filters,
  );
  return { ...list, filters, supervisor: user.roles.includes('supervisor') };
};
