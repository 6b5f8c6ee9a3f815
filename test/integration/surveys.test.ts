import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply } from '../../src/lib/server/appeals/work.service';
import { logCall } from '../../src/lib/server/calls/log.service';
import { queueAcknowledgement } from '../../src/lib/server/channels/email/ack/acknowledge';
import { inTransaction } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { mailboxById } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { gateReply, replyCheckOptions } from '../../src/lib/server/style/gate';
import { appealForTemplate, appealValues } from '../../src/lib/server/templates/values';
import {
  getQuestionnaire,
  listQuestionnaires,
  saveQuestionnaire,
  setQuestionnaireActive,
} from '../../src/lib/server/surveys/questionnaires.service';
import {
  answerSurvey,
  publicSurvey,
  submitPublicSurvey,
  surveyPage,
} from '../../src/lib/server/surveys/respond.service';
import { appealSurveySummary } from '../../src/lib/server/surveys/appeal-summary';
import { surveyLimiter } from '../../src/lib/server/surveys/rate-limit';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { callForm, callsWorld } from '../support/calls';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';
import { addMailbox } from '../support/outbound';
import { replyWithSurvey, surveyLinkOf } from '../support/surveys';

const DAY = 86_400_000;
const ORIGIN = 'https://otklik.example.gov';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv({ ...t.env, ORIGIN, OTKLIK_SURVEY_EDIT_DAYS: undefined });
  surveyLimiter.reset();
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

async function world() {
  const w = await appealsWorld(ctx);
  const { appealId } = await receive(ctx, inbound(w.email));
  const { unit_id } = await ctx.db
    .selectFrom('appeals')
    .select('unit_id')
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const operator = await makeUser(ctx, ['operator'], {
    name: 'Смирнова Анна Викторовна',
    unitIds: unit_id ? [unit_id] : [],
  });
  return { ...w, operator, appealId };
}

const answer = (token: string, a: Record<string, string[]>, address = '198.51.100.7') =>
  answerSurvey(ctx, { token, answers: a, address });

describe('survey links (seed 000 §3.4 и: a survey link in every reply)', () => {
  it('a reply carries its own unguessable link: the one the composer showed and the gate checked', async () => {
    const w = await world();
    const options = await replyCheckOptions(ctx.db, w.appealId);
    // The template variable and the composer's footer show the same link.
    const values = await appealValues(ctx.db, (await appealForTemplate(ctx.db, w.appealId))!, null);
    expect(values['links.survey']).toBe(options.surveyUrl);
    expect(options.surveyUrl).toMatch(new RegExp(`^${ORIGIN}/s/[\\w-]{22}$`));

    const text = await politeReply(ctx, w.appealId, 'Список документов есть на сайте школы.');
    await expect(gateReply(ctx.db, text, options, [])).resolves.toBeTruthy();
    const first = await reply(ctx, w.operator, { appealId: w.appealId, text });
    const link = (await surveyLinkOf(ctx, first.interactionId))!;
    expect(options.surveyUrl).toBe(`${ORIGIN}${link.path}`);
    const appeal = await ctx.db
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', w.appealId)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({
      appeal_id: w.appealId,
      touchpoint_id: appeal.touchpoint_id,
      process_id: appeal.process_id,
      operator_id: w.operator.userId,
      channel: 'email',
      created_at: '2026-03-02T09:00:00.000Z',
    });

    // The next reply gets a different link, and a gate that still expects the old one refuses.
    const next = await replyCheckOptions(ctx.db, w.appealId);
    expect(next.surveyUrl).not.toBe(options.surveyUrl);
    await expect(gateReply(ctx.db, text, next, [])).rejects.toMatchObject({
      message: 'style.blocked',
    });
    const second = await replyWithSurvey(ctx, w.operator, w.appealId, 'Дополню ответ.');
    expect(second.url).toBe(next.surveyUrl);
    expect(second.token).not.toBe(link.token);
  });

  it('a reply drafted with a link that already went out gets the fresh one instead', async () => {
    const w = await world();
    const stale = await politeReply(ctx, w.appealId, 'Первый ответ.');
    await reply(ctx, w.operator, { appealId: w.appealId, text: stale });
    const again = await reply(ctx, w.operator, { appealId: w.appealId, text: stale });
    const link = (await surveyLinkOf(ctx, again.interactionId))!;
    const stored = await ctx.db
      .selectFrom('interactions')
      .select('text')
      .where('id', '=', again.interactionId)
      .executeTakeFirstOrThrow();
    expect(stored.text).toContain(link.path);
    expect(await ctx.db.selectFrom('survey_links').select('token').execute()).toHaveLength(2);
  });

  it('an acknowledgement carries a link of its own', async () => {
    const w = await world();
    const mailboxId = await addMailbox(ctx, { touchpointId: w.email, smtpPort: 1 });
    const mailbox = (await mailboxById(ctx.db, mailboxId))!;
    const ackId = await inTransaction(ctx, (trx, emit) =>
      queueAcknowledgement(trx, emit, {
        appealId: w.appealId,
        to: 'ivanova@mail.example',
        inReplyTo: null,
        references: [],
        mailbox,
        now: ctx.clock.now().toISOString(),
      }),
    );
    const link = (await surveyLinkOf(ctx, ackId))!;
    const ack = await ctx.db
      .selectFrom('interactions')
      .select('text')
      .where('id', '=', ackId)
      .executeTakeFirstOrThrow();
    expect(ack.text).toContain(`${ORIGIN}${link.path}`);
    expect(link.operator_id).toBeNull();
  });

  it('a logged call of a client with a known e-mail sends the call’s survey link through the outbox', async () => {
    const w = await callsWorld(ctx);
    await addMailbox(ctx, { touchpointId: w.email, smtpPort: 1 });
    await receive(
      ctx,
      inbound(w.email, {
        client: {
          surname: 'Петренко',
          firstName: 'Галина',
          patronymic: 'Ивановна',
          email: 'petrenko@mail.example',
          phone: '+79123456789',
        },
      }),
    );
    const { callId, appealId } = await logCall(ctx, w.anna, callForm(w.phone));
    const link = await ctx.db
      .selectFrom('survey_links')
      .selectAll()
      .where('call_id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ appeal_id: appealId, operator_id: w.anna.userId });
    const mail = await ctx.db
      .selectFrom('interactions as i')
      .innerJoin('outbox as o', 'o.interaction_id', 'i.id')
      .select(['i.kind', 'i.text', 'i.meta', 'o.channel'])
      .where('i.id', '=', link.interaction_id!)
      .executeTakeFirstOrThrow();
    expect(mail.kind).toBe('survey');
    expect(mail.channel).toBe('email');
    expect(JSON.parse(mail.meta).to).toBe('petrenko@mail.example');
    expect(mail.text).toContain(`/s/${link.token}`);

    // Phone only: nothing to send the link through, so no link.
    const other = await logCall(
      ctx,
      w.anna,
      callForm(w.phone, { callerNumber: '+7 917 000-11-22', surname: 'Орлов' }),
    );
    expect(
      await ctx.db
        .selectFrom('survey_links')
        .select('token')
        .where('call_id', '=', other.callId)
        .execute(),
    ).toHaveLength(0);
  });
});

describe('answering (issue 12: one answer per link, editable for 7 days)', () => {
  it('one answer per link; the link changes it within 7 days and refuses afterwards', async () => {
    const w = await world();
    const { token } = await replyWithSurvey(ctx, w.operator, w.appealId);
    const page = await surveyPage(ctx, token);
    expect(page.state).toBe('new');
    expect(page.questionnaire.questions.map((q) => q.key)).toEqual([
      'rating',
      'resolved',
      'comment',
    ]);

    const first = await answer(token, {
      rating: ['2'],
      resolved: ['no'],
      comment: ['Долго ждал ответа'],
    });
    expect(first).toMatchObject({ ok: true, updated: false });
    ctx.clock.advance(6 * DAY);
    expect(await answer(token, { rating: ['4'], resolved: ['yes'], comment: [''] })).toMatchObject({
      ok: true,
      updated: true,
    });
    const rows = await ctx.db.selectFrom('survey_responses').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 4, resolved: 1, comment: null, link_token: token });
    expect(rows[0]!.editable_until).toBe('2026-03-09T09:00:00.000Z');
    expect((await surveyPage(ctx, token)).saved).toMatchObject({
      rating: ['4'],
      resolved: ['yes'],
    });

    ctx.clock.advance(DAY + 1000);
    expect((await surveyPage(ctx, token)).state).toBe('closed');
    expect(await answer(token, { rating: ['1'], resolved: ['no'] })).toEqual({
      ok: false,
      error: 'surveys.closed',
    });
    const after = await ctx.db.selectFrom('survey_responses').select('rating').execute();
    expect(after).toEqual([{ rating: 4 }]);
  });

  it('stores nothing that identifies the respondent, only what the link rates', async () => {
    const w = await world();
    const { token, link } = await replyWithSurvey(ctx, w.operator, w.appealId);
    await answer(
      token,
      { rating: ['5'], resolved: ['yes'], comment: ['Спасибо\u0000, всё\u202e понятно'] },
      '203.0.113.99',
    );
    const row = await ctx.db.selectFrom('survey_responses').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(
      [
        'id',
        'questionnaire_id',
        'link_token',
        'appeal_id',
        'touchpoint_id',
        'process_id',
        'unit_id',
        'operator_id',
        'channel',
        'rating',
        'resolved',
        'comment',
        'answers',
        'created_at',
        'updated_at',
        'editable_until',
      ].sort(),
    );
    expect(row).toMatchObject({
      touchpoint_id: link.touchpoint_id,
      operator_id: link.operator_id,
      channel: 'email',
      comment: 'Спасибо, всё понятно',
    });
    // The address is nowhere in the database: not in the response, not in any rate-limit table.
    for (const table of ['survey_responses', 'survey_links', 'webform_submissions', 'audit_log']) {
      const rows = await ctx.db
        .selectFrom(table as 'survey_responses')
        .selectAll()
        .execute();
      expect(JSON.stringify(rows)).not.toContain('203.0.113.99');
    }
    // The appeal view shows the rating and counts, never the comment.
    const summary = await appealSurveySummary(ctx.db, w.appealId);
    expect(summary).toEqual({ sent: 1, answered: 1, ratings: [5], resolved: 1 });
    expect(JSON.stringify(summary)).not.toContain('Спасибо');
  });

  it('bad input gets clear errors; unknown links are not found; the rate limit holds', async () => {
    const w = await world();
    const { token } = await replyWithSurvey(ctx, w.operator, w.appealId);
    const bad = await answer(token, { rating: ['7'], comment: ['x'.repeat(2001)] });
    expect(bad).toMatchObject({ ok: false, error: 'surveys.answer.invalid' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      { field: 'rating', message: 'surveys.answer.rating' },
      { field: 'resolved', message: 'surveys.answer.required' },
      { field: 'comment', message: 'surveys.answer.tooLong', params: { max: 2000 } },
    ]);
    expect(await ctx.db.selectFrom('survey_responses').selectAll().execute()).toHaveLength(0);

    await expect(surveyPage(ctx, 'AAAAAAAAAAAAAAAAAAAAAA')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'surveys.notFound',
    });
    await expect(answer('../../etc', { rating: ['5'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    resetEnv({ OTKLIK_SURVEY_RATE_PER_HOUR: '3' });
    surveyLimiter.reset();
    for (let i = 0; i < 3; i++) {
      expect(await answer(token, { rating: ['3'], resolved: ['yes'] }, '192.0.2.1')).toMatchObject({
        ok: true,
      });
    }
    expect(await answer(token, { rating: ['3'], resolved: ['yes'] }, '192.0.2.1')).toEqual({
      ok: false,
      error: 'surveys.rateLimited',
    });
    expect(await answer(token, { rating: ['3'], resolved: ['yes'] }, '192.0.2.2')).toMatchObject({
      ok: true,
    });
    ctx.clock.advance(3_600_001);
    expect(await answer(token, { rating: ['3'], resolved: ['yes'] }, '192.0.2.1')).toMatchObject({
      ok: true,
    });
    resetEnv({ OTKLIK_SURVEY_RATE_PER_HOUR: undefined });
  });

  it('an old /s/<tracking token> address leads to the appeal’s reply link', async () => {
    const w = await world();
    const { token: tracking } = await ctx.db
      .selectFrom('appeals')
      .select('tracking_token as token')
      .where('id', '=', w.appealId)
      .executeTakeFirstOrThrow();
    // No link yet: one is made for the appeal on the fly.
    const made = await surveyPage(ctx, tracking!);
    expect(made.moved).toBe(true);
    ctx.clock.advance(3_600_000);
    const sent = await replyWithSurvey(ctx, w.operator, w.appealId);
    const page = await surveyPage(ctx, tracking!);
    expect(page.token).toBe(sent.token);
  });
});

describe('questionnaires (seed 003 §3, annex)', () => {
  it('editors change the reply survey within its rules, audited; the annex questionnaire is published', async () => {
    const editor = await makeUser(ctx, ['editor']);
    const operator = await makeUser(ctx, ['operator']);
    await expect(listQuestionnaires(ctx, operator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const list = await listQuestionnaires(ctx, editor);
    const replyQ = list.find((q) => q.slug === 'reply')!;
    const annex = list.find((q) => q.kind === 'public')!;
    expect(annex.questions.length).toBeGreaterThanOrEqual(20);
    expect(annex.questions.find((q) => q.key === 'rating')?.label).toMatch(
      /доступностью, составом и качеством информации/,
    );

    const q = await getQuestionnaire(ctx, editor, replyQ.id);
    await expect(
      saveQuestionnaire(ctx, editor, replyQ.id, {
        title: q.title,
        intro: q.intro,
        questions: q.questions.filter((x) => x.key !== 'resolved'),
      }),
    ).rejects.toMatchObject({
      message: 'surveys.edit.invalid',
      details: { problems: [{ field: 'questions', message: 'surveys.edit.replyResolved' }] },
    });
    await saveQuestionnaire(ctx, editor, replyQ.id, {
      title: 'Как мы вам ответили?',
      intro: q.intro,
      questions: [
        ...q.questions,
        {
          key: 'clear',
          kind: 'choice',
          label: 'Понятен ли ответ?',
          options: ['Да, полностью', 'Частично', 'Нет'],
          required: false,
        },
      ],
    });
    expect((await getQuestionnaire(ctx, editor, replyQ.id)).questions).toHaveLength(4);
    await expect(setQuestionnaireActive(ctx, editor, replyQ.id, false)).rejects.toMatchObject({
      message: 'surveys.edit.replyAlwaysOn',
    });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'questionnaire')
      .execute();
    expect(audit).toEqual([{ action: 'questionnaire.update', entity_id: 'reply' }]);

    // The annex questionnaire at its public link: answered anonymously; withdrawn → not found.
    const pub = await publicSurvey(ctx, annex.slug);
    const ok = await submitPublicSurvey(ctx, {
      slug: annex.slug,
      address: '192.0.2.5',
      answers: {
        q1_state: ['Скорее удовлетворен(а)'],
        q2_sources: ['Официальный сайт Министерства', 'Другое (укажите)'],
        q2_sources__other: ['Родительский чат школы'],
        rating: ['4'],
        q7_site_change: ['Сделать поиск по приказам'],
      },
    });
    expect(ok).toMatchObject({ ok: true });
    const row = await ctx.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('questionnaire_id', '=', pub.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ rating: 4, link_token: null, appeal_id: null });
    expect(JSON.parse(row.answers)).toMatchObject({
      q2_sources: ['Официальный сайт Министерства', 'Другое (укажите)'],
      q2_sources__other: 'Родительский чат школы',
    });
    const refused = await submitPublicSurvey(ctx, {
      slug: annex.slug,
      address: '192.0.2.5',
      answers: { q1_state: ['Всё отлично'], rating: ['4'] },
    });
    expect(refused.ok ? [] : refused.problems).toEqual([
      { field: 'q1_state', message: 'surveys.answer.choice' },
      { field: 'q2_sources', message: 'surveys.answer.required' },
    ]);
    await setQuestionnaireActive(ctx, editor, annex.id, false);
    await expect(publicSurvey(ctx, annex.slug)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
