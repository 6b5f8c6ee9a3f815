import { receiveInbound } from '../../src/lib/server/appeals/inbound.service';
import { findByExternalId } from '../../src/lib/server/appeals/interactions.queries';
import { assign, changeStatus, reply } from '../../src/lib/server/appeals/work.service';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { env } from '../../src/lib/server/env';
import { replyCheckOptions } from '../../src/lib/server/style/gate';
import { questionnaireBySlug } from '../../src/lib/server/surveys/questionnaires.queries';
import { ensureQuestionnaires } from '../../src/lib/server/surveys/questionnaires.service';
import { INFORMATION_ACCESS_QUESTIONNAIRE } from '../../src/lib/domain/surveys/defaults';
import { editableUntil } from '../../src/lib/domain/surveys/edit-window';
import {
  archiveAppeals,
  NEGATIVE,
  NEUTRAL,
  POSITIVE,
  PUBLIC_ANSWERS,
  TOUCHPOINT_MOOD,
  type ArchiveAppeal,
} from './surveys.data';

const HOUR = 3_600_000;

export interface SurveyActors {
  operator: Actor & { kind: 'user' };
  supervisor: Actor & { kind: 'user' };
}

const at = (ctx: ServiceContext, ms: number): ServiceContext => ({
  ...ctx,
  clock: { now: () => new Date(ms) },
});

/** A small seeded generator: the same demo every time. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** An archived appeal played through the services: arrival, assignment, reply, closing. */
async function play(ctx: ServiceContext, a: ArchiveAppeal, n: number, who: SurveyActors) {
  const externalId = `demo-survey-archive-${n}`;
  if (await findByExternalId(ctx.db, externalId)) return;
  const start = ctx.clock.now().getTime() - a.daysAgo * 24 * HOUR;
  const touchpoint = await ctx.db
    .selectFrom('touchpoints')
    .select('id')
    .where('name', '=', a.touchpoint)
    .executeTakeFirst();
  if (!touchpoint) return;
  const [surname, firstName, patronymic, email] = a.client;
  const { appealId } = await receiveInbound(
    at(ctx, start),
    {
      touchpointId: touchpoint.id,
      kind: a.kind,
      client: { surname, firstName, patronymic, email },
      subject: a.subject,
      text: a.text,
      externalId,
    },
    a.kind === 'manual' || a.kind === 'call' ? who.operator : null,
  );
  const assignee = who.operator.userId;
  await assign(at(ctx, start + 0.5 * HOUR), who.supervisor, { appealId, assigneeId: assignee });
  const { surveyUrl, clientName } = await replyCheckOptions(ctx.db, appealId);
  const text = `${clientName ?? 'Здравствуйте'}, здравствуйте!\n\n${a.reply}\n\nОцените, пожалуйста, наш ответ: ${surveyUrl}`;
  const replied = start + a.replyAfter * HOUR;
  await reply(at(ctx, replied), who.operator, { appealId, text });
  await changeStatus(at(ctx, replied + 24 * HOUR), who.operator, {
    appealId,
    status: 'closed',
  });
}

function comment(touchpoint: string, rating: number, rnd: () => number): string | null {
  const pick = (list: string[]) => list[Math.floor(rnd() * list.length)]!;
  if (rating <= 2) return rnd() < 0.85 ? pick(NEGATIVE[touchpoint] ?? NEUTRAL) : null;
  if (rating === 3) return rnd() < 0.5 ? pick([...NEUTRAL, ...(NEGATIVE[touchpoint] ?? [])]) : null;
  return rnd() < 0.3 ? pick(POSITIVE) : null;
}

/**
 * Demo surveys: both questionnaires, answered archive appeals over the last 60 days, and answers
 * to about two links in three of every reply (the rest stay unanswered: a response rate to show,
 * and links the browser journeys can answer). Does nothing once answers exist.
 */
export async function seedSurveys(ctx: ServiceContext, who: SurveyActors): Promise<number> {
  await ensureQuestionnaires(ctx.db, ctx.clock.now());
  const any = await ctx.db.selectFrom('survey_responses').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const archive = archiveAppeals().sort((x, y) => y.daysAgo - x.daysAgo);
  for (const [n, a] of archive.entries()) await play(ctx, a, n, who);
  await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at'), attempts: 1 }))
    .where('status', '=', 'pending')
    .where('created_at', '<', new Date(ctx.clock.now().getTime() - 24 * HOUR).toISOString())
    .execute();

  const replyQ = (await questionnaireBySlug(ctx.db, 'reply'))!;
  const links = await ctx.db
    .selectFrom('survey_links as l')
    .innerJoin('touchpoints as t', 't.id', 'l.touchpoint_id')
    .selectAll('l')
    .select('t.name as touchpoint')
    .orderBy('l.created_at')
    .orderBy('l.token')
    .execute();
  const rnd = random(20261126);
  const now = ctx.clock.now().getTime();
  const days = env().OTKLIK_SURVEY_EDIT_DAYS;
  let made = 0;
  for (const [i, link] of links.entries()) {
    // The newest link of all stays open for whoever tries the survey first.
    if (i === links.length - 1 || rnd() > 0.68) continue;
    const mood = TOUCHPOINT_MOOD[link.touchpoint] ?? 3.8;
    const rating = Math.max(1, Math.min(5, Math.round(mood + (rnd() - 0.5) * 3.2)));
    const resolved =
      rating >= 4 ? (rnd() < 0.92 ? 1 : 0) : rating === 3 ? (rnd() < 0.5 ? 1 : 0) : 0;
    const text = comment(link.touchpoint, rating, rnd);
    const answeredAt = Math.min(
      new Date(link.created_at).getTime() + (2 + rnd() * 40) * HOUR,
      now - HOUR,
    );
    const iso = new Date(answeredAt).toISOString();
    await ctx.db
      .insertInto('survey_responses')
      .values({
        questionnaire_id: replyQ.id,
        link_token: link.token,
        appeal_id: link.appeal_id,
        touchpoint_id: link.touchpoint_id,
        process_id: link.process_id,
        unit_id: link.unit_id,
        operator_id: link.operator_id,
        channel: link.channel,
        rating,
        resolved,
        comment: text,
        answers: JSON.stringify({ rating, resolved: resolved === 1, comment: text }),
        created_at: iso,
        updated_at: iso,
        editable_until: editableUntil(new Date(answeredAt), days).toISOString(),
      })
      .execute();
    made++;
  }

  const annex = await questionnaireBySlug(ctx.db, INFORMATION_ACCESS_QUESTIONNAIRE.slug);
  if (annex) {
    for (const [i, answers] of PUBLIC_ANSWERS.entries()) {
      const iso = new Date(now - (55 - i * 9) * 24 * HOUR).toISOString();
      await ctx.db
        .insertInto('survey_responses')
        .values({
          questionnaire_id: annex.id,
          rating: typeof answers.rating === 'number' ? answers.rating : null,
          answers: JSON.stringify(answers),
          created_at: iso,
          updated_at: iso,
          editable_until: iso,
        })
        .execute();
      made++;
    }
  }
  return made;
}
