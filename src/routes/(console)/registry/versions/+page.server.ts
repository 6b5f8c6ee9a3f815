import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { publishVersion, versions } from '$lib/server/registry/versions.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ versions: await versions(appContext()) });

export const actions: Actions = {
  publish: guarded(['maintainer'], async (_event, actor, form) => {
    const number = Number(text(form, 'number'));
    await publishVersion(appContext(), actor, number);
    return { published: number };
  }),
};
