import { error } from '@sveltejs/kit';
import {
  QUESTION_KINDS,
  type Question,
  type QuestionKind,
} from '$lib/domain/surveys/questionnaire';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { guarded, text } from '$lib/server/http/actions';
import { publicUrl } from '$lib/server/http/public-url';
import {
  getQuestionnaire,
  saveQuestionnaire,
  setQuestionnaireActive,
} from '$lib/server/surveys/questionnaires.service';
import { consoleActor } from '../../form.server';
import type { Actions, PageServerLoad } from './$types';

const EDITORS = ['editor'] as const;

export const load: PageServerLoad = async ({ locals, params }) => {
  try {
    const q = await getQuestionnaire(appContext(), consoleActor(locals), Number(params.id));
    return { q, url: q.kind === 'public' ? publicUrl(`/q/${q.slug}`) : null };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};

/** Questions from the editor form: `<field>.<n>`; a row without text is left out. */
function questionsOf(form: FormData): Question[] {
  const count = Math.min(Number(text(form, 'count')) || 0, 100);
  const out: Question[] = [];
  for (let i = 0; i < count; i++) {
    const f = (name: string) => text(form, `${name}.${i}`);
    if (form.get(`remove.${i}`) || !f('label').trim()) continue;
    const kind = (QUESTION_KINDS as readonly string[]).includes(f('kind'))
      ? (f('kind') as QuestionKind)
      : 'text';
    out.push({
      key: f('key'),
      kind,
      label: f('label'),
      hint: f('hint'),
      options: f('options').split('\n'),
      multiple: f('multiple') === '1',
      other: f('other') === '1',
      low: f('low'),
      high: f('high'),
      required: f('required') === '1',
    });
  }
  return out;
}

export const actions: Actions = {
  save: guarded(EDITORS, async (event, actor, form) => {
    await saveQuestionnaire(appContext(), actor, Number(event.params.id), {
      title: text(form, 'title'),
      intro: text(form, 'intro'),
      questions: questionsOf(form),
    });
    return { done: 'surveys.edit.saved' };
  }),
  active: guarded(EDITORS, async (event, actor, form) => {
    const active = text(form, 'active') === '1';
    await setQuestionnaireActive(appContext(), actor, Number(event.params.id), active);
    return { done: active ? 'surveys.edit.activated' : 'surveys.edit.deactivated' };
  }),
};
