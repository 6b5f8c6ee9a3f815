import { appContext } from '$lib/server/context';
import { staffList } from '$lib/server/calls/staff.queries';
import { guarded, text } from '$lib/server/http/actions';
import { listAgents, listLines } from '$lib/server/telephony/lines.queries';
import {
  createLine,
  removeAgent,
  rotateLineToken,
  setAgent,
  setLineActive,
} from '$lib/server/telephony/lines.service';
import type { Actions, PageServerLoad } from './$types';

const ADMIN = ['admin'] as const;

export const load: PageServerLoad = async ({ url }) => {
  const db = appContext().db;
  const [lines, agents, touchpoints, staff] = await Promise.all([
    listLines(db),
    listAgents(db),
    db
      .selectFrom('touchpoints')
      .select(['id', 'name'])
      .where('channel', '=', 'phone')
      .orderBy('name')
      .execute(),
    staffList(db),
  ]);
  return { lines, agents, touchpoints, staff, endpoint: `${url.origin}/api/telephony/events` };
};

const id = (form: FormData, name: string) => Number(text(form, name)) || 0;

export const actions: Actions = {
  create: guarded(ADMIN, async (_event, actor, form) => {
    const { token } = await createLine(appContext(), actor, {
      name: text(form, 'name'),
      number: text(form, 'number'),
      touchpointId: id(form, 'touchpointId'),
      defaultUserId: id(form, 'defaultUserId') || null,
    });
    return { done: 'telephony.created', token };
  }),
  rotate: guarded(ADMIN, async (_event, actor, form) => {
    const { token } = await rotateLineToken(appContext(), actor, id(form, 'lineId'));
    return { done: 'telephony.rotated', token };
  }),
  toggle: guarded(ADMIN, async (_event, actor, form) => {
    const active = text(form, 'active') === '1';
    await setLineActive(appContext(), actor, { lineId: id(form, 'lineId'), active });
    return { done: active ? 'telephony.enabled' : 'telephony.disabled' };
  }),
  agent: guarded(ADMIN, async (_event, actor, form) => {
    const extension = text(form, 'extension').trim();
    await setAgent(appContext(), actor, { extension, userId: id(form, 'userId') });
    return { done: 'telephony.agentSaved', extension };
  }),
  removeAgent: guarded(ADMIN, async (_event, actor, form) => {
    const extension = text(form, 'extension');
    await removeAgent(appContext(), actor, extension);
    return { done: 'telephony.agentRemoved', extension };
  }),
};
