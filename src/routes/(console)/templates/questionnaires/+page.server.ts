import { appContext } from '$lib/server/context';
import { publicUrl } from '$lib/server/http/public-url';
import { listQuestionnaires } from '$lib/server/surveys/questionnaires.service';
import { consoleActor } from '../form.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const list = await listQuestionnaires(appContext(), consoleActor(locals));
  return {
    list: list.map((q) => ({
      id: q.id,
      slug: q.slug,
      kind: q.kind,
      title: q.title,
      active: q.active,
      questions: q.questions.length,
      responses: q.responses,
      url: q.kind === 'public' ? publicUrl(`/q/${q.slug}`) : null,
    })),
  };
};
