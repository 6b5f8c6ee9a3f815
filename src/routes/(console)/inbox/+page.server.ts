import { QUEUES, decodeCursor, encodeCursor, type Queue } from '$lib/server/appeals/inbox.queries';
import { inbox } from '$lib/server/appeals/inbox.service';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

const text = (url: URL, name: string) => url.searchParams.get(name)?.trim() || null;
const id = (url: URL, name: string) => Number(url.searchParams.get(name)) || null;
const day = (url: URL, name: string) => {
  const v = text(url, name);
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
};

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = locals.user!;
  const ctx = appContext();
  const requested = url.searchParams.get('queue') as Queue | null;
  const queue: Queue = requested && QUEUES.includes(requested) ? requested : 'unassigned';
  const from = day(url, 'from');
  const to = day(url, 'to');
  const filters = {
    channel: text(url, 'channel'),
    touchpointId: id(url, 'touchpoint'),
    processId: id(url, 'process'),
    status: text(url, 'status'),
    priority: text(url, 'priority'),
    assigneeId: id(url, 'assignee'),
    from: from ? `${from}T00:00:00.000Z` : null,
    // «по» is inclusive: everything created before the next day.
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : null,
    q: text(url, 'q'),
  };
  const result = await inbox(
    ctx,
    { kind: 'user', userId: user.id, roles: user.roles },
    {
      queue,
      filters,
      cursor: decodeCursor(url.searchParams.get('after')),
    },
  );
  const [touchpoints, processes, staff] = await Promise.all([
    ctx.db.selectFrom('touchpoints').select(['id', 'name', 'channel']).orderBy('name').execute(),
    ctx.db.selectFrom('processes').select(['id', 'name']).orderBy('name').execute(),
    ctx.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.name'])
      .where('r.role', 'in', ['operator', 'supervisor'])
      .where('u.active', '=', 1)
      .distinct()
      .orderBy('u.name')
      .execute(),
  ]);
  return {
    queue,
    rows: result.rows,
    counts: result.counts,
    next: result.next ? encodeCursor(result.next) : null,
    paged: url.searchParams.has('after'),
    touchpoints,
    processes,
    staff,
  };
};
