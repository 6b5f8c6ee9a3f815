import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { metricsSettings, saveMetricsSettings } from '$lib/server/metrics/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
  settings: await metricsSettings(appContext().db),
});

const num = (form: FormData, name: string) => Number(text(form, name).replace(',', '.'));

export const actions: Actions = {
  save: guarded(['admin'], async (_event, actor, form) => {
    await saveMetricsSettings(appContext(), actor, {
      maxBreachPercent: num(form, 'maxBreachPercent'),
      minSatisfaction: num(form, 'minSatisfaction'),
      minResponses: num(form, 'minResponses'),
      windowDays: num(form, 'windowDays'),
    });
    return { saved: true };
  }),
};
