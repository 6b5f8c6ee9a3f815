import {
  INFORMATION_ACCESS_QUESTIONNAIRE,
  REPLY_QUESTIONNAIRE,
} from '../../domain/surveys/defaults';
import {
  plainText,
  questionnaireProblems,
  type Question,
} from '../../domain/surveys/questionnaire';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import {
  allQuestionnaires,
  insertQuestionnaire,
  questionnaireById,
  questionnaireBySlug,
} from './questionnaires.queries';

const EDITORS = ['editor'] as const;

/** The reply survey and the seed 003 annex questionnaire exist from the first use on. */
export async function ensureQuestionnaires(db: Db, now: Date): Promise<void> {
  const have = await db.selectFrom('questionnaires').select('slug').execute();
  for (const q of [REPLY_QUESTIONNAIRE, INFORMATION_ACCESS_QUESTIONNAIRE]) {
    if (!have.some((h) => h.slug === q.slug)) await insertQuestionnaire(db, q, now.toISOString());
  }
}

/** A questionnaire by its slug; the built-in ones are made on the first miss. */
export async function seededQuestionnaire(db: Db, slug: string, now: Date) {
  const q = await questionnaireBySlug(db, slug);
  if (q) return q;
  await ensureQuestionnaires(db, now);
  return questionnaireBySlug(db, slug);
}

/** The questionnaire every reply's link asks. */
export async function replyQuestionnaire(db: Db, now: Date) {
  return (await seededQuestionnaire(db, REPLY_QUESTIONNAIRE.slug, now))!;
}

export async function listQuestionnaires(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, EDITORS);
  await ensureQuestionnaires(ctx.db, ctx.clock.now());
  const list = await allQuestionnaires(ctx.db);
  const counts = await ctx.db
    .selectFrom('survey_responses')
    .select(['questionnaire_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('questionnaire_id')
    .execute();
  return list.map((q) => ({
    ...q,
    responses: Number(counts.find((c) => c.questionnaire_id === q.id)?.n ?? 0),
  }));
}

export async function getQuestionnaire(ctx: ServiceContext, actor: Actor, id: number) {
  assertRole(actor, EDITORS);
  const q = await questionnaireById(ctx.db, id);
  if (!q) throw new DomainError('NOT_FOUND', 'errors.notFound');
  return q;
}

export interface QuestionnaireInput {
  title: string;
  intro: string;
  questions: Question[];
}

function clean(input: QuestionnaireInput): QuestionnaireInput {
  return {
    title: plainText(input.title),
    intro: plainText(input.intro),
    questions: input.questions.map((q) => ({
      key: q.key.trim(),
      kind: q.kind,
      label: plainText(q.label),
      ...(q.hint?.trim() && { hint: plainText(q.hint) }),
      ...(q.kind === 'choice' && {
        options: (q.options ?? []).map(plainText).filter(Boolean),
        ...(q.multiple && { multiple: true }),
        ...(q.other && { other: true }),
      }),
      ...(q.kind === 'rating' && q.low?.trim() && { low: plainText(q.low) }),
      ...(q.kind === 'rating' && q.high?.trim() && { high: plainText(q.high) }),
      required: !!q.required,
    })),
  };
}

/** An editor changes a questionnaire's title, introduction and questions (audited). */
export async function saveQuestionnaire(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  raw: QuestionnaireInput,
) {
  assertRole(actor, EDITORS);
  const input = clean(raw);
  return inTransaction(ctx, async (trx) => {
    const q = await questionnaireById(trx, id);
    if (!q) throw new DomainError('NOT_FOUND', 'errors.notFound');
    const problems = questionnaireProblems({ kind: q.kind, ...input });
    if (problems.length) {
      throw new DomainError('INVALID', 'surveys.edit.invalid', { problems });
    }
    await trx
      .updateTable('questionnaires')
      .set({
        title: input.title,
        intro: input.intro,
        questions: JSON.stringify(input.questions),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'questionnaire.update',
      entity: 'questionnaire',
      entityId: q.slug,
      details: {
        before: { title: q.title, questions: q.questions.map((x) => x.key) },
        after: { title: input.title, questions: input.questions.map((x) => x.key) },
      },
    });
  });
}

/** Publishes or withdraws a questionnaire; the reply survey stays on (every reply links it). */
export async function setQuestionnaireActive(
  ctx: ServiceContext,
  actor: Actor,
  id: number,
  active: boolean,
) {
  assertRole(actor, EDITORS);
  return inTransaction(ctx, async (trx) => {
    const q = await questionnaireById(trx, id);
    if (!q) throw new DomainError('NOT_FOUND', 'errors.notFound');
    if (q.kind === 'reply' && !active) {
      throw new DomainError('INVALID', 'surveys.edit.replyAlwaysOn');
    }
    await trx
      .updateTable('questionnaires')
      .set({ active: active ? 1 : 0, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: active ? 'questionnaire.activate' : 'questionnaire.deactivate',
      entity: 'questionnaire',
      entityId: q.slug,
    });
  });
}
