import { FIELD_KEYS, type FieldSetting } from '$lib/domain/webforms/fields';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { publicUrl } from '$lib/server/http/public-url';
import { saveWebform, webformSettings } from '$lib/server/webforms/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const forms = await webformSettings(appContext(), {
    kind: 'user',
    userId: user.id,
    roles: user.roles,
  });
  return { forms, base: publicUrl('/f/') };
};

export const actions: Actions = {
  save: guarded(['admin'], async (_event, actor, form) => {
    const fields: FieldSetting[] = FIELD_KEYS.map((key) => ({
      key,
      enabled: form.get(`enabled.${key}`) === 'on',
      required: form.get(`required.${key}`) === 'on',
      hint: text(form, `hint.${key}`),
    }));
    const saved = await saveWebform(appContext(), actor, {
      touchpointId: Number(text(form, 'touchpointId')),
      slug: text(form, 'slug'),
      active: form.get('active') === 'on',
      fields,
      intro: text(form, 'intro'),
      thanks: text(form, 'thanks'),
      processIds: form.getAll('processIds').map(Number),
      embedOrigins: text(form, 'embedOrigins'),
      policyUrl: text(form, 'policyUrl'),
    });
    return { saved: saved.slug };
  }),
};
