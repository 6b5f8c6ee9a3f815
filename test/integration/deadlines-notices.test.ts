import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDeadlinePolicies } from '../../db/seed/deadlines';
import { seedNoticeTemplates } from '../../db/seed/deadlines.demo';
import { NOTICE_DEFAULTS } from '../../src/lib/domain/deadlines/notices';
import { logManual } from '../../src/lib/server/appeals/manual.service';
import { assign, reply } from '../../src/lib/server/appeals/work.service';
import {
  retrainClassifier,
  setTopic,
  trainClassifier,
} from '../../src/lib/server/classify/classify.service';
import { SYSTEM, type Actor } from '../../src/lib/server/context';
import { extendDeadline, setDisposition } from '../../src/lib/server/deadlines/actions.service';
import { deadlineList } from '../../src/lib/server/deadlines/alerts.service';
import { saveDeadlineSettings, savePolicy } from '../../src/lib/server/deadlines/policies.service';
import { deadlineTick } from '../../src/lib/server/deadlines/tick.service';
import { appealDeadlines } from '../../src/lib/server/deadlines/view.service';
import { resetEnv } from '../../src/lib/server/env';
import { roomsFor } from '../../src/lib/server/realtime/rooms';
import { replyCheckOptions } from '../../src/lib/server/style/gate';
import { checkerFor, currentLexicon } from '../../src/lib/server/style/lexicon.service';
import { moveTemplate, saveTemplate } from '../../src/lib/server/templates/templates.service';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  // Monday 2 March 2026, 12:00 Moscow.
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const INFO = 'Рассмотрение запросов о предоставлении информации о деятельности министерства';

/** The sample registry plus a social page, a public chat and the 8-FZ process the defaults name. */
async function world() {
  const w = await appealsWorld(ctx);
  const now = ctx.clock.now().toISOString();
  const touchpoint = (name: string, channel: string) =>
    t.db
      .insertInto('touchpoints')
      .values({ name, channel, mode: 'online', address: null, description: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const area = await t.db.selectFrom('activity_areas').select('id').executeTakeFirstOrThrow();
  const info = await t.db
    .insertInto('processes')
    .values({
      area_id: area.id,
      name: INFO,
      unit_id: w.unitId,
      client_kind: 'external',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const other = await t.db
    .insertInto('processes')
    .values({
      area_id: area.id,
      name: 'Информирование о летнем отдыхе детей',
      unit_id: w.unitId,
      client_kind: 'external',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await seedDeadlinePolicies(ctx);
  return {
    ...w,
    vk: await touchpoint('Сообщество министерства во ВКонтакте', 'social'),
    chat: await touchpoint('Телеграм-канал министерства', 'messenger'),
    infoProcess: info.id,
    otherProcess: other.id,
  };
}

const dues = (id: number) =>
  t.db
    .selectFrom('appeals')
    .select(['ack_due_at', 'first_response_due_at', 'answer_due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const manual = (
  actor: Actor,
  touchpointId: number,
  processId: number,
  over: Partial<Parameters<typeof logManual>[2]> = {},
) =>
  logManual(ctx, actor, {
    touchpointId,
    processId,
    clientName: 'Зайцев Андрей Павлович',
    segment: 'citizen',
    subject: 'Путёвка в лагерь',
    text: 'Положена ли сыну бесплатная путёвка в загородный лагерь?',
    ...over,
  });

describe('social messages: 2 hours for an appeal or a comment, 4 for a mention (seed 001 §3.2.3)', () => {
  it('takes the kind from manual logging and picks the policy by it', async () => {
    const w = await world();
    const appeal = await manual(w.member, w.vk, w.otherProcess, { messageKind: 'appeal' });
    const comment = await manual(w.member, w.chat, w.otherProcess, { messageKind: 'comment' });
    const mention = await manual(w.member, w.vk, w.otherProcess, { messageKind: 'mention' });
    const unsaid = await manual(w.member, w.chat, w.otherProcess);
    expect((await dues(appeal.appealId)).first_response_due_at).toBe('2026-03-02T11:00:00.000Z');
    expect((await dues(comment.appealId)).first_response_due_at).toBe('2026-03-02T11:00:00.000Z');
    expect((await dues(mention.appealId)).first_response_due_at).toBe('2026-03-02T13:00:00.000Z');
    // Not told: an official appeal, the stricter time.
    expect((await dues(unsaid.appealId)).first_response_due_at).toBe('2026-03-02T11:00:00.000Z');
    const view = await appealDeadlines(ctx, w.member, mention.appealId);
    expect(view.messageKind).toBe('mention');
    expect(view.policy?.name).toBe('Социальные сети: упоминание министерства');
    expect(view.decisions).toContainEqual(
      expect.objectContaining({ kind: 'messageKind', reason: 'deadlines.reason.kind.mention' }),
    );
  });

  it('ignores a kind for a touchpoint that is not a social page or chat, and refuses an unknown kind', async () => {
    const w = await world();
    const visit = await manual(w.member, w.reception, w.otherProcess, {
      messageKind: 'mention',
    });
    const st = await t.db
      .selectFrom('appeal_deadlines')
      .select('message_kind')
      .where('appeal_id', '=', visit.appealId)
      .executeTakeFirstOrThrow();
    expect(st.message_kind).toBe('oral');
    await expect(
      manual(w.member, w.vk, w.otherProcess, { messageKind: 'rumour' as never }),
    ).rejects.toMatchObject({ message: 'appeals.manualInvalid' });
  });

  it('warns and breaches a mention by the 4-hour clock', async () => {
    const w = await world();
    const mention = await manual(w.member, w.vk, w.otherProcess, { messageKind: 'mention' });
    // Seed 001 §3.2.3 sets the time to answer: the reply on the page is the answer.
    expect((await dues(mention.appealId)).answer_due_at).toBe('2026-03-02T13:00:00.000Z');
    ctx.clock.advance(3.3 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 1, breached: 0 });
    ctx.clock.advance(HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 1 });
  });
});

describe('forwarding to the competent body within 7 days (59-FZ art. 8 p. 3)', () => {
  it('warns and breaches while the appeal is not forwarded, like the answer', async () => {
    const w = await world();
    await saveDeadlineSettings(ctx, SYSTEM, { warnShare: 0.8 });
    const boss = await makeUser(ctx, ['supervisor']);
    const a = await receive(ctx, inbound(w.email));
    const st = () =>
      t.db
        .selectFrom('appeal_deadlines')
        .select(['forward_due_at', 'forward_warned_at', 'forward_breached_at', 'forward_over_ms'])
        .where('appeal_id', '=', a.appealId)
        .executeTakeFirstOrThrow();
    // Registered Monday 2 March; the 7th day is the 9 March holiday, so 10 March, 24:00.
    expect((await st()).forward_due_at).toBe('2026-03-10T20:59:59.999Z');
    ctx.clock.advance(6 * DAY);
    expect(await deadlineTick(ctx)).toMatchObject({ forwardWarned: 0, forwardBreached: 0 });
    ctx.clock.advance(DAY);
    expect(await deadlineTick(ctx)).toMatchObject({ forwardWarned: 1, forwardBreached: 0 });
    const warning = ctx.events.find((e) => e.name === 'deadline.warning')!;
    expect(warning.payload).toMatchObject({ appealId: a.appealId, target: 'forward' });
    expect(roomsFor(warning)).toContain('role:supervisor');
    expect((await deadlineList(ctx, boss)).rows).toMatchObject([
      { number: a.number, target: 'forward', state: 'warning' },
    ]);

    ctx.clock.advance(2 * DAY);
    expect(await deadlineTick(ctx)).toMatchObject({ forwardWarned: 0, forwardBreached: 1 });
    expect(await deadlineTick(ctx)).toMatchObject({ forwardWarned: 0, forwardBreached: 0 });
    const [row] = (await deadlineList(ctx, boss, { state: 'breached' })).rows;
    expect(row).toMatchObject({ target: 'forward', state: 'breached' });
    // Now 11 March 09:00 UTC, due 10 March 20:59:59.999 UTC.
    expect(row!.overMs).toBe(12 * HOUR + 1);

    ctx.clock.advance(HOUR);
    await setDisposition(ctx, boss, {
      appealId: a.appealId,
      disposition: 'forwarded',
      forwardedTo: 'Министерство здравоохранения Энской области',
    });
    expect((await st()).forward_over_ms).toBe(13 * HOUR + 1);
    expect((await deadlineList(ctx, boss)).rows).toEqual([]);
    const view = await appealDeadlines(ctx, boss, a.appealId);
    expect(view.forwarded).toEqual({
      to: 'Министерство здравоохранения Энской области',
      at: ctx.clock.now().toISOString(),
    });
    expect(view.targets.find((x) => x.kind === 'forward')?.doneAt).toBe(
      ctx.clock.now().toISOString(),
    );
  });

  it('ends the watch when an operator confirms the topic or the appeal is answered', async () => {
    const w = await world();
    const kept = await receive(ctx, inbound(w.email));
    const answered = await receive(ctx, inbound(w.email));
    const citizens = await t.db
      .selectFrom('processes')
      .select('id')
      .where('name', '=', 'Рассмотрение обращений граждан')
      .executeTakeFirstOrThrow();
    await setTopic(ctx, w.member, { appealId: kept.appealId, processId: citizens.id });
    await reply(ctx, w.member, {
      appealId: answered.appealId,
      text: await politeReply(
        ctx,
        answered.appealId,
        'Для зачисления нужны заявление и паспорт одного из родителей.',
      ),
    });
    ctx.clock.advance(10 * DAY);
    expect(await deadlineTick(ctx)).toMatchObject({ forwardWarned: 0, forwardBreached: 0 });
  });
});

describe('8-FZ: oral requests, deferral notice within 7 days, deferral at most 15 days', () => {
  it('registers an oral request the same day and a written one within 3 days', async () => {
    const w = await world();
    const oral = await manual(w.member, w.reception, w.infoProcess, {
      subject: 'Устный запрос о ремонте школ',
      text: 'Сколько школ отремонтировано в 2026 году?',
    });
    const written = await receive(ctx, inbound(w.email, { processId: w.infoProcess }));
    expect((await dues(oral.appealId)).ack_due_at).toBe('2026-03-02T20:59:59.999Z');
    expect((await dues(written.appealId)).ack_due_at).toBe('2026-03-05T20:59:59.999Z');
    expect((await appealDeadlines(ctx, w.member, oral.appealId)).policy?.name).toBe(
      'Устные запросы информации (8-ФЗ)',
    );
  });

  it('defers by at most 15 days within 7 days of registration and tells the client through the channel', async () => {
    const w = await world();
    const boss = await makeUser(ctx, ['supervisor']);
    const a = await receive(ctx, inbound(w.email, { processId: w.infoProcess }));
    const late = await receive(ctx, inbound(w.email, { processId: w.infoProcess }));
    await expect(
      extendDeadline(ctx, boss, { appealId: a.appealId, days: 16, reason: 'Сбор сведений' }),
    ).rejects.toMatchObject({ message: 'deadlines.deferTooLong' });
    ctx.clock.advance(3 * DAY);
    await extendDeadline(ctx, boss, { appealId: a.appealId, days: 15, reason: 'Сбор сведений.' });
    // 2 March + 30 + 15 days = 16 April.
    expect((await dues(a.appealId)).answer_due_at).toBe('2026-04-16T20:59:59.999Z');
    const notice = await t.db
      .selectFrom('interactions')
      .innerJoin('outbox', 'outbox.interaction_id', 'interactions.id')
      .select(['interactions.text', 'interactions.meta', 'outbox.channel'])
      .where('interactions.appeal_id', '=', a.appealId)
      .where('interactions.kind', '=', 'notice')
      .executeTakeFirstOrThrow();
    expect(notice.channel).toBe('email');
    expect(notice.text).toContain('Новый срок — 16 апреля 2026 г.');
    expect(notice.text).toContain('Причина: Сбор сведений.');
    expect(notice.text).toContain('закона № 8-ФЗ');
    expect(JSON.parse(notice.meta)).toMatchObject({ notice: 'deferred' });
    const view = await appealDeadlines(ctx, boss, a.appealId);
    expect(view.deferral?.until).toBe('2026-03-10T20:59:59.999Z');

    ctx.clock.advance(6 * DAY);
    await expect(
      extendDeadline(ctx, boss, { appealId: late.appealId, days: 5, reason: 'Сбор сведений' }),
    ).rejects.toMatchObject({ message: 'deadlines.deferTooLate' });
  });

  it('refuses a policy allowing more than the law', async () => {
    await world();
    await expect(
      savePolicy(ctx, SYSTEM, {
        name: 'Запросы: отсрочка 20 дней',
        basis: 'fz8',
        answer: { amount: 30, unit: 'calendar_days' },
        extensionDays: 20,
      }),
    ).rejects.toMatchObject({ message: 'deadlines.extensionOverLaw' });
  });
});

describe('notices are templates editors keep', () => {
  it('uses the template in force, falls back to the built-in text only when it is gone, and passes the checker', async () => {
    const w = await world();
    const editor = await makeUser(ctx, ['editor']);
    expect(await seedNoticeTemplates(ctx)).toBe(6);
    expect(await seedNoticeTemplates(ctx)).toBe(0);
    const link = await t.db
      .selectFrom('notice_templates')
      .select('template_id')
      .where('notice', '=', 'obscene')
      .executeTakeFirstOrThrow();
    const id = link.template_id!;
    const edited = NOTICE_DEFAULTS.obscene.body.replace(
      'Вы можете написать нам снова',
      'Напишите нам снова',
    );
    await saveTemplate(ctx, editor, id, { title: 'Оскорбительные выражения', body: edited });
    await moveTemplate(ctx, editor, id, 'submit');
    await moveTemplate(ctx, editor, id, 'publish');

    const text = async (appealId: number) =>
      (
        await t.db
          .selectFrom('interactions')
          .select('text')
          .where('appeal_id', '=', appealId)
          .where('kind', '=', 'notice')
          .executeTakeFirstOrThrow()
      ).text!;
    const a = await receive(ctx, inbound(w.email));
    await setDisposition(ctx, w.member, { appealId: a.appealId, disposition: 'obscene' });
    const sent = await text(a.appealId);
    expect(sent).toContain('Напишите нам снова');
    expect(sent.startsWith('Мария Петровна, здравствуйте!')).toBe(true);
    const options = await replyCheckOptions(t.db, a.appealId);
    expect(sent).toContain(options.surveyUrl!);
    const { revision, lexicon } = await currentLexicon(t.db);
    const blocks = (await checkerFor(revision, lexicon))
      .check(sent, options)
      .findings.filter((f) => f.severity === 'block');
    expect(blocks).toEqual([]);

    // Withdrawn: the built-in text goes out, so the client is still told.
    await moveTemplate(ctx, editor, id, 'archive');
    const b = await receive(ctx, inbound(w.email));
    await setDisposition(ctx, w.member, { appealId: b.appealId, disposition: 'obscene' });
    expect(await text(b.appealId)).toContain('Вы можете написать нам снова');

    await t.db.deleteFrom('notice_templates').where('notice', '=', 'forwarded').execute();
    const c = await receive(ctx, inbound(w.email));
    await setDisposition(ctx, w.member, {
      appealId: c.appealId,
      disposition: 'forwarded',
      forwardedTo: 'Министерство здравоохранения Энской области',
    });
    expect(await text(c.appealId)).toContain(
      'решает другой орган: Министерство здравоохранения Энской области',
    );
  });
});

describe('deadline list: who sees what', () => {
  it('shows supervisors all, operators their own and their units’, most urgent first, filtered', async () => {
    const w = await world();
    const boss = await makeUser(ctx, ['supervisor']);
    const stranger = await makeUser(ctx, ['operator']);
    await savePolicy(ctx, SYSTEM, {
      name: 'Портал: 10 часов',
      basis: 'agency',
      touchpointId: w.portal,
      answer: { amount: 10, unit: 'calendar_hours' },
    });
    const first = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    ctx.clock.advance(2 * HOUR);
    const second = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    ctx.clock.advance(7 * HOUR);
    await deadlineTick(ctx);
    ctx.clock.advance(2 * HOUR);
    await deadlineTick(ctx);
    const all = await deadlineList(ctx, boss);
    expect(all.rows.map((r) => [r.number, r.state])).toEqual([
      [first.number, 'breached'],
      [second.number, 'warning'],
    ]);
    expect(all.rows[0]!.overMs).toBe(HOUR);
    expect(all.rows[1]!.leftMs).toBe(HOUR);
    // The member's unit holds both; a stranger outside it sees none.
    expect((await deadlineList(ctx, w.member)).rows).toHaveLength(2);
    expect((await deadlineList(ctx, stranger)).rows).toEqual([]);
    // In the common pool an appeal is every operator's to take, its deadline too.
    await assign(ctx, boss, { appealId: first.appealId, unitId: null, assigneeId: null });
    expect((await deadlineList(ctx, stranger)).rows.map((r) => r.number)).toEqual([first.number]);
    expect((await deadlineList(ctx, boss, { state: 'warning' })).rows.map((r) => r.number)).toEqual(
      [second.number],
    );
    expect((await deadlineList(ctx, boss, { assigneeId: stranger.userId })).rows).toEqual([]);
    await expect(deadlineList(ctx, await makeUser(ctx, ['editor']))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('classifier accuracy on held-out confirmed appeals', () => {
  it('holds out a share of confirmed appeals, stores the accuracy with the model', async () => {
    const w = await world();
    const admin = await makeUser(ctx, ['admin']);
    const citizens = await t.db
      .selectFrom('processes')
      .select('id')
      .where('name', '=', 'Рассмотрение обращений граждан')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 10; i++) {
      const a = await receive(
        ctx,
        inbound(w.email, {
          subject: `Зачисление в школу ${i}`,
          text: 'Зачисление ребёнка в первый класс школы',
        }),
      );
      await setTopic(ctx, w.member, { appealId: a.appealId, processId: citizens.id });
      const b = await receive(
        ctx,
        inbound(w.email, {
          subject: `Путёвка в лагерь ${i}`,
          text: 'Путёвка в летний лагерь отдыха для ребёнка',
        }),
      );
      await setTopic(ctx, w.member, { appealId: b.appealId, processId: w.otherProcess });
    }
    await expect(retrainClassifier(ctx, w.member)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const report = await retrainClassifier(ctx, admin);
    expect(report).toMatchObject({ samples: 16, labels: 2, holdoutCount: 4, holdoutAccuracy: 1 });
    const stored = await t.db
      .selectFrom('classifier_models')
      .select(['holdout_count', 'holdout_accuracy', 'samples'])
      .where('id', '=', report.modelId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ holdout_count: 4, holdout_accuracy: 1, samples: 16 });
    await saveDeadlineSettings(ctx, SYSTEM, { holdoutShare: 0.5 });
    expect(await retrainClassifier(ctx, admin)).toMatchObject({ samples: 10, holdoutCount: 10 });
  });
});

describe('held-out texts stay out of training', () => {
  it('drops an extra labelled sample that is a held-out appeal’s text', async () => {
    const w = await world();
    const texts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const text = `Путёвка в летний лагерь отдыха номер ${i}`;
      texts.push(text);
      const a = await receive(ctx, inbound(w.email, { subject: `Лагерь ${i}`, text }));
      await setTopic(ctx, w.member, { appealId: a.appealId, processId: w.otherProcess });
    }
    const extra = [
      ...texts.map((text) => ({ text, label: String(w.otherProcess) })),
      { text: 'Зачисление ребёнка в первый класс', label: '999' },
    ];
    const report = await trainClassifier(ctx, extra);
    // 8 trained appeals + 8 extra texts of those + 1 other; the 2 held-out texts are left out.
    expect(report).toMatchObject({ holdoutCount: 2, samples: 17 });
  });
});
