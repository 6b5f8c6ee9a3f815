import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import {
  EMBLEM_MAX_BYTES,
  letterhead,
  saveLetterhead,
  type EmblemChange,
} from '$lib/server/letterhead/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
  letterhead: await letterhead(appContext().db),
  emblemMaxMb: EMBLEM_MAX_BYTES / 1024 / 1024,
});

export const actions: Actions = {
  save: guarded(['admin'], async (_event, actor, form) => {
    const file = form.get('emblem');
    let emblem: EmblemChange = null;
    if (text(form, 'removeEmblem') === '1') emblem = { remove: true };
    else if (file instanceof File && file.size > 0) {
      emblem = { upload: new Uint8Array(await file.arrayBuffer()) };
    }
    await saveLetterhead(
      appContext(),
      actor,
      {
        agencyName: text(form, 'agencyName'),
        requisites: text(form, 'requisites'),
        signatoryName: text(form, 'signatoryName'),
        signatoryPosition: text(form, 'signatoryPosition'),
        numberPrefix: text(form, 'numberPrefix'),
      },
      emblem,
    );
    return { saved: true };
  }),
};
