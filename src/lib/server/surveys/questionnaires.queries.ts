import type { QuestionnaireDraft } from '../../domain/surveys/defaults';
import { parseQuestions, type Question } from '../../domain/surveys/questionnaire';
import type { Db } from '../db';
import type { QuestionnairesTable } from '../db/schema';
import type { Selectable } from 'kysely';

export interface QuestionnaireView {
  id: number;
  slug: string;
  kind: 'reply' | 'public';
  title: string;
  intro: string;
  questions: Question[];
  active: boolean;
  updatedAt: string;
}

function toView(row: Selectable<QuestionnairesTable>): QuestionnaireView {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    intro: row.intro,
    questions: parseQuestions(row.questions),
    active: row.active === 1,
    updatedAt: row.updated_at,
  };
}

export async function questionnaireBySlug(db: Db, slug: string) {
  const row = await db
    .selectFrom('questionnaires')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

export async function questionnaireById(db: Db, id: number) {
  const row = await db
    .selectFrom('questionnaires')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

export async function allQuestionnaires(db: Db) {
  const rows = await db
    .selectFrom('questionnaires')
    .selectAll()
    .orderBy('kind', 'desc')
    .orderBy('title')
    .execute();
  return rows.map(toView);
}

/** Inserts a questionnaire unless its slug exists (concurrent first uses agree on one row). */
export async function insertQuestionnaire(db: Db, q: QuestionnaireDraft, now: string) {
  await db
    .insertInto('questionnaires')
    .values({
      slug: q.slug,
      kind: q.kind,
      title: q.title,
      intro: q.intro,
      questions: JSON.stringify(q.questions),
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}
