import { formatLexiconText, parseLexiconText } from '$lib/domain/style/lexicon-text';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { currentLexicon, lexiconRevisions, saveLexicon } from '$lib/server/style/lexicon.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const db = appContext().db;
  const current = await currentLexicon(db);
  const revisions = await lexiconRevisions(db, 20);
  return {
    revision: current.revision,
    text: formatLexiconText(current.lexicon),
    revisions: revisions.map((r) => ({
      revision: r.revision,
      summary: r.summary,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      accepted: r.lexicon.accepted?.length ?? 0,
      banned: r.lexicon.banned?.length ?? 0,
      preferred: r.lexicon.preferred?.length ?? 0,
    })),
  };
};

export const actions: Actions = {
  default: guarded(['editor'], async (_event, actor, form) => {
    const revision = await saveLexicon(appContext(), actor, {
      lexicon: parseLexiconText({
        accepted: text(form, 'accepted'),
        blocked: text(form, 'blocked'),
        discouraged: text(form, 'discouraged'),
        preferred: text(form, 'preferred'),
      }),
      summary: text(form, 'summary'),
    });
    return { saved: revision };
  }),
};
