import { editableUntil, linkState } from '../../domain/surveys/edit-window';
import {
  answersToRaw,
  validateAnswers,
  type Answers,
  type Problem,
  type RawAnswers,
} from '../../domain/surveys/questionnaire';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { env } from '../env';
import { resolveSurveyToken } from './links.service';
import { questionnaireById } from './questionnaires.queries';
import { replyQuestionnaire, seededQuestionnaire } from './questionnaires.service';
import { surveyLimiter } from './rate-limit';

/**
 * The client's side of a survey: no sign-in, the link's token is the key. Nothing about the
 * respondent is stored (no address, no browser, no cookie): only the answer and what the link
 * rates — touchpoint, process, unit, operator, channel (seed 003 §3.3).
 */

export type AnswerOutcome =
  | { ok: true; token: string; editableUntil: string; updated: boolean }
  | { ok: false; error: string; problems?: Problem[]; params?: Record<string, number> };

const notFound = () => new DomainError('NOT_FOUND', 'surveys.notFound');

async function responseOf(ctx: ServiceContext, token: string) {
  return ctx.db
    .selectFrom('survey_responses')
    .selectAll()
    .where('link_token', '=', token)
    .executeTakeFirst();
}

/** The questionnaire a saved answer was given to; a link not answered yet asks the reply questionnaire. */
async function answeredQuestionnaire(ctx: ServiceContext, id: number | undefined, now: Date) {
  return (
    (id != null ? await questionnaireById(ctx.db, id) : undefined) ??
    (await replyQuestionnaire(ctx.db, now))
  );
}

/** The survey page of a link: the questionnaire, the saved answer and whether it may change. */
export async function surveyPage(ctx: ServiceContext, token: string) {
  const now = ctx.clock.now();
  const link = await resolveSurveyToken(ctx.db, token, now);
  if (!link) throw notFound();
  const response = await responseOf(ctx, link.token);
  const questionnaire = await answeredQuestionnaire(ctx, response?.questionnaire_id, now);
  const appeal = await ctx.db
    .selectFrom('appeals')
    .select('number')
    .where('id', '=', link.appeal_id)
    .executeTakeFirstOrThrow();
  return {
    token: link.token,
    /** A legacy `/s/<tracking token>` address: the page moves to the link's own address. */
    moved: link.token !== token,
    appealNumber: appeal.number,
    questionnaire: {
      title: questionnaire.title,
      intro: questionnaire.intro,
      questions: questionnaire.questions,
    },
    state: linkState(now, response),
    saved: response
      ? answersToRaw(questionnaire.questions, JSON.parse(response.answers) as Answers)
      : null,
    editableUntil: response?.editable_until ?? null,
    textMax: env().OTKLIK_SURVEY_TEXT_MAX,
  };
}

/**
 * One answer per link; the same link changes it until `editable_until` (OTKLIK_SURVEY_EDIT_DAYS
 * after the first answer), and refuses afterwards.
 */
export async function answerSurvey(
  ctx: ServiceContext,
  input: { token: string; answers: RawAnswers; address: string },
): Promise<AnswerOutcome> {
  const now = ctx.clock.now();
  const link = await resolveSurveyToken(ctx.db, input.token, now);
  if (!link) throw notFound();
  if (!surveyLimiter.take(input.address, now)) return { ok: false, error: 'surveys.rateLimited' };
  const existing = await responseOf(ctx, link.token);
  if (existing && linkState(now, existing) === 'closed') {
    return { ok: false, error: 'surveys.closed' };
  }
  const questionnaire = await answeredQuestionnaire(ctx, existing?.questionnaire_id, now);
  const max = env().OTKLIK_SURVEY_TEXT_MAX;
  const checked = validateAnswers(questionnaire.questions, input.answers, max);
  if (!checked.ok) {
    return { ok: false, error: 'surveys.answer.invalid', problems: checked.problems };
  }
  const v = checked.value;
  const values = {
    rating: v.rating,
    resolved: v.resolved,
    comment: v.comment,
    answers: JSON.stringify(v.answers),
    updated_at: now.toISOString(),
  };
  if (existing) {
    await ctx.db
      .updateTable('survey_responses')
      .set(values)
      .where('id', '=', existing.id)
      .where('editable_until', '>=', now.toISOString())
      .execute();
    return { ok: true, token: link.token, editableUntil: existing.editable_until, updated: true };
  }
  const until = editableUntil(now, env().OTKLIK_SURVEY_EDIT_DAYS).toISOString();
  const inserted = await ctx.db
    .insertInto('survey_responses')
    .values({
      questionnaire_id: questionnaire.id,
      link_token: link.token,
      appeal_id: link.appeal_id,
      touchpoint_id: link.touchpoint_id,
      process_id: link.process_id,
      unit_id: link.unit_id,
      operator_id: link.operator_id,
      channel: link.channel,
      ...values,
      created_at: now.toISOString(),
      editable_until: until,
    })
    .onConflict((oc) => oc.column('link_token').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // The same link answered twice at once: the later one is an edit of the first.
    return answerSurvey(ctx, input);
  }
  return { ok: true, token: link.token, editableUntil: until, updated: false };
}

/** A published questionnaire (seed 003 §3.4: its link on the site and social pages). */
export async function publicSurvey(ctx: ServiceContext, slug: string) {
  const q = await seededQuestionnaire(ctx.db, slug, ctx.clock.now());
  if (!q || q.kind !== 'public' || !q.active) throw notFound();
  return { ...q, textMax: env().OTKLIK_SURVEY_TEXT_MAX };
}

/** An anonymous answer to a published questionnaire: nothing but the answers and the time. */
export async function submitPublicSurvey(
  ctx: ServiceContext,
  input: { slug: string; answers: RawAnswers; address: string },
): Promise<AnswerOutcome> {
  const now = ctx.clock.now();
  const q = await publicSurvey(ctx, input.slug);
  if (!surveyLimiter.take(input.address, now)) return { ok: false, error: 'surveys.rateLimited' };
  const checked = validateAnswers(q.questions, input.answers, q.textMax);
  if (!checked.ok) {
    return { ok: false, error: 'surveys.answer.invalid', problems: checked.problems };
  }
  const v = checked.value;
  await ctx.db
    .insertInto('survey_responses')
    .values({
      questionnaire_id: q.id,
      rating: v.rating,
      resolved: v.resolved,
      comment: v.comment,
      answers: JSON.stringify(v.answers),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      editable_until: now.toISOString(),
    })
    .execute();
  return { ok: true, token: '', editableUntil: now.toISOString(), updated: false };
}
