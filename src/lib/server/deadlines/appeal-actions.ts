import { error } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { appealByNumber } from '../appeals/appeals.queries';
import { setTopic } from '../classify/classify.service';
import { appContext } from '../context';
import { guarded, text } from '../http/actions';
import { extendDeadline, setDisposition, type Disposition } from './actions.service';

async function appealId(event: RequestEvent) {
  const appeal = await appealByNumber(appContext().db, event.params.number ?? '');
  if (!appeal) error(404, 'errors.notFound');
  return appeal.id;
}

/**
 * Form actions of the «Сроки» block, spread into the appeal page's actions
 * (`...deadlineActions`): thin transport over the deadline and classification services.
 */
export const deadlineActions = {
  deadlinesTopic: guarded(['operator', 'supervisor'], async (event, actor, form) => {
    await setTopic(appContext(), actor, {
      appealId: await appealId(event),
      processId: Number(text(form, 'processId')),
    });
    return { deadlinesSaved: true };
  }),
  deadlinesExtend: guarded(['supervisor'], async (event, actor, form) => {
    await extendDeadline(appContext(), actor, {
      appealId: await appealId(event),
      days: Number(text(form, 'days')),
      reason: text(form, 'reason'),
    });
    return { deadlinesSaved: true };
  }),
  deadlinesDisposition: guarded(['operator', 'supervisor'], async (event, actor, form) => {
    await setDisposition(appContext(), actor, {
      appealId: await appealId(event),
      disposition: text(form, 'disposition') as Disposition,
      forwardedTo: text(form, 'forwardedTo'),
    });
    return { deadlinesSaved: true };
  }),
};
