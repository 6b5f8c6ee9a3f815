import { redirect } from '@sveltejs/kit';
import { MANUAL_CHANNELS } from '$lib/domain/appeals/interactions';
import { logManual } from '$lib/server/appeals/manual.service';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const db = appContext().db;
  const [touchpoints, processes] = await Promise.all([
    db
      .selectFrom('touchpoints')
      .select(['id', 'name', 'channel'])
      .where('channel', 'in', [...MANUAL_CHANNELS])
      .orderBy('name')
      .execute(),
    db
      .selectFrom('registry_rows as r')
      .innerJoin('processes as p', 'p.id', 'r.process_id')
      .select(['p.id', 'p.name', 'r.touchpoint_id as touchpointId'])
      .orderBy('p.name')
      .execute(),
  ]);
  return { touchpoints, processes };
};

export const actions: Actions = {
  default: guarded(['operator', 'supervisor'], async (_event, actor, form) => {
    const at = text(form, 'at');
    const result = await logManual(appContext(), actor, {
      touchpointId: Number(text(form, 'touchpointId')),
      processId: Number(text(form, 'processId')) || null,
      clientName: text(form, 'clientName'),
      organization: text(form, 'organization'),
      email: text(form, 'email'),
      phone: text(form, 'phone'),
      segment: text(form, 'segment') as never,
      subject: text(form, 'subject'),
      text: text(form, 'text'),
      // datetime-local has no zone: the reception works on Moscow time.
      at: at ? `${at}:00+03:00` : null,
      appealNumber: text(form, 'appealNumber'),
      priority: (text(form, 'priority') || 'normal') as never,
      messageKind: (text(form, 'messageKind') || null) as never,
    });
    redirect(303, `/inbox/${result.number}`);
  }),
};
