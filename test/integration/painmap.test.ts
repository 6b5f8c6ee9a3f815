import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed';
import { painKey } from '../../src/lib/domain/painmap';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import {
  createAction,
  painMap,
  setActionStatus,
  setFixability,
} from '../../src/lib/server/painmap/painmap.service';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db, '2026-03-01T09:00:00.000Z');
});
afterEach(() => t?.drop());

const DAY = 86_400_000;
const NEUTRAL = 'Здравствуйте! Подскажите, какие документы нужны для зачисления сына в школу.';
const ANGRY = 'Возмутительно! Безобразие, третью неделю никто не отвечает на моё заявление.';

async function questionnaire() {
  const now = ctx.clock.now().toISOString();
  const { id } = await t.db
    .insertInto('questionnaires')
    .values({
      slug: 'test-reply',
      title: 'Оценка ответа',
      intro: '',
      questions: '[]',
      kind: 'reply',
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An answer to the survey link of an appeal, as the survey page stores it (seed 003 §3.3). */
async function answer(
  questionnaireId: number,
  appealId: number,
  rating: number,
  resolved: number,
  comment: string | null = null,
) {
  const a = await t.db
    .selectFrom('appeals')
    .select(['touchpoint_id', 'process_id', 'channel'])
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  await t.db
    .insertInto('survey_responses')
    .values({
      questionnaire_id: questionnaireId,
      link_token: null,
      appeal_id: appealId,
      touchpoint_id: a.touchpoint_id,
      process_id: a.process_id,
      unit_id: null,
      operator_id: null,
      channel: a.channel,
      rating,
      resolved,
      comment,
      answers: '{}',
      created_at: now,
      updated_at: now,
      editable_until: now,
    })
    .execute();
}

function client(name: string) {
  return {
    surname: name,
    firstName: 'Анна',
    patronymic: 'Сергеевна',
    email: `${name.toLowerCase()}@mail.example`,
  };
}

describe('pain map from stored appeals and survey answers (seed 003 §3.5–3.6)', () => {
  it('groups complaints, repeats and negative answers by touchpoint × process over the period', async () => {
    const w = await appealsWorld(ctx);
    const q = await questionnaire();
    // 40 days before «now»: inside 90 days, outside 30.
    await receive(ctx, inbound(w.email, { client: client('Old'), text: ANGRY }));
    ctx.clock.advance(40 * DAY);
    const angry = await receive(ctx, inbound(w.email, { client: client('Petrova'), text: ANGRY }));
    ctx.clock.advance(2 * DAY);
    // The same client about the same process two days later: a repeat contact (seed 000 §3.5).
    const again = await receive(
      ctx,
      inbound(w.email, { client: client('Petrova'), text: NEUTRAL }),
    );
    const rated = await receive(ctx, inbound(w.email, { client: client('Orlova'), text: NEUTRAL }));
    await answer(q, rated.appealId, 1, 0, 'Ответили не на мой вопрос');
    const happy = await receive(ctx, inbound(w.email, { client: client('Belova'), text: NEUTRAL }));
    await answer(q, happy.appealId, 5, 1, 'Спасибо');
    const portal = await receive(
      ctx,
      inbound(w.portal, {
        kind: 'webform',
        client: client('Zueva'),
        subject: 'Жалоба на сроки рассмотрения',
        text: NEUTRAL,
      }),
    );
    ctx.clock.advance(DAY);

    const maintainer = await makeUser(ctx, ['maintainer']);
    const map = await painMap(ctx, maintainer, { days: 30 });
    const emailProcess = (
      await t.db
        .selectFrom('appeals')
        .select('process_id')
        .where('id', '=', angry.appealId)
        .executeTakeFirstOrThrow()
    ).process_id;
    expect(map.points.map((p) => p.key).sort()).toEqual(
      [
        painKey(w.email, emailProcess),
        painKey(
          w.portal,
          (
            await t.db
              .selectFrom('appeals')
              .select('process_id')
              .where('id', '=', portal.appealId)
              .executeTakeFirstOrThrow()
          ).process_id,
        ),
      ].sort(),
    );
    const email = map.points.find((p) => p.touchpointId === w.email)!;
    expect(email.process).toBe('Рассмотрение обращений граждан');
    // Petrova: complaint (2) and repeat (1) → 2; Orlova: rating 1, not resolved → 3.
    expect(email.signals).toEqual({ survey: 1, complaint: 1, repeat: 1 });
    expect(email.clients).toBe(2);
    expect(email.impact).toBe(5);
    expect(email.rank).toBe(3); // not rated: weight of «средне» 0.6
    expect(email.examples.map((e) => e.id).sort()).toEqual([angry.appealId, again.appealId].sort());
    // Comments are shown without the appeal or the client (seed 003 §3.3).
    expect(email.comments).toEqual([
      { at: expect.any(String), rating: 1, resolved: 0, text: 'Ответили не на мой вопрос' },
    ]);
    expect(JSON.stringify(email.comments)).not.toContain('Orlova');
    const portalPoint = map.points.find((p) => p.touchpointId === w.portal)!;
    expect(portalPoint.signals.complaint).toBe(1);

    const wide = await painMap(ctx, maintainer, { days: 90 });
    expect(wide.points.find((p) => p.touchpointId === w.email)!.signals.complaint).toBe(2);
    expect(wide.points.find((p) => p.touchpointId === w.email)!.clients).toBe(3);
  });

  it('only the maintainer rates fixability; it reorders the map and is audited', async () => {
    const w = await appealsWorld(ctx);
    const q = await questionnaire();
    // Email: two clients rate 1 → impact 6. Portal: three complaints → impact 6 too.
    for (const name of ['Ivanova', 'Sidorova']) {
      const r = await receive(ctx, inbound(w.email, { client: client(name), text: NEUTRAL }));
      await answer(q, r.appealId, 1, 1);
    }
    for (const name of ['Kozlova', 'Lebedeva', 'Morozova']) {
      await receive(ctx, inbound(w.portal, { kind: 'webform', client: client(name), text: ANGRY }));
    }
    const maintainer = await makeUser(ctx, ['maintainer']);
    const supervisor = await makeUser(ctx, ['supervisor']);
    const operator = await makeUser(ctx, ['operator']);
    const before = await painMap(ctx, supervisor, { days: 30 });
    expect(before.canEdit).toBe(false);
    // Equal impact: more clients first.
    expect(before.points.map((p) => [p.touchpointId, p.impact, p.clients])).toEqual([
      [w.portal, 6, 3],
      [w.email, 6, 2],
    ]);
    const portalKey = before.points[0]!.key;
    const emailKey = before.points[1]!.key;

    await expect(setFixability(ctx, supervisor, { key: portalKey, fixability: 1 })).rejects.toThrow(
      'errors.forbidden',
    );
    await expect(painMap(ctx, operator, { days: 30 })).rejects.toThrow('errors.forbidden');
    await expect(setFixability(ctx, maintainer, { key: portalKey, fixability: 5 })).rejects.toThrow(
      'painmap.error.fixability',
    );
    await expect(setFixability(ctx, maintainer, { key: '999:0', fixability: 1 })).rejects.toThrow(
      'painmap.error.point',
    );

    await setFixability(ctx, maintainer, {
      key: emailKey,
      fixability: 1,
      note: 'Достаточно поправить шаблон ответа',
    });
    await setFixability(ctx, maintainer, { key: portalKey, fixability: 3 });
    const after = await painMap(ctx, maintainer, { days: 30 });
    expect(after.canEdit).toBe(true);
    expect(after.points.map((p) => [p.touchpointId, p.fixability, p.rank])).toEqual([
      [w.email, 1, 6],
      [w.portal, 3, 1.8],
    ]);
    expect(after.points[0]!.note).toBe('Достаточно поправить шаблон ответа');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'painmap.fixability')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.actor_id, a.entity_id])).toEqual([
      [maintainer.userId, emailKey],
      [maintainer.userId, portalKey],
    ]);
  });

  it('an improvement action shows the figures before it and since it was created', async () => {
    const w = await appealsWorld(ctx);
    const q = await questionnaire();
    const maintainer = await makeUser(ctx, ['maintainer']);
    const supervisor = await makeUser(ctx, ['supervisor']);
    const owner = await makeUser(ctx, ['operator'], { name: 'Кузнецова Ольга Игоревна' });

    // Before: 4 appeals; a complaint, its repeat, an unresolved 2 → 3 signals; ratings 2 and 4.
    const first = await receive(ctx, inbound(w.email, { client: client('Xu'), text: ANGRY }));
    ctx.clock.advance(DAY);
    await receive(ctx, inbound(w.email, { client: client('Xu'), text: NEUTRAL }));
    ctx.clock.advance(DAY);
    const y = await receive(ctx, inbound(w.email, { client: client('Yakovleva'), text: NEUTRAL }));
    await answer(q, y.appealId, 2, 0);
    ctx.clock.advance(DAY);
    const z = await receive(ctx, inbound(w.email, { client: client('Zaitseva'), text: NEUTRAL }));
    await answer(q, z.appealId, 4, 1);
    ctx.clock.advance(2 * DAY);

    const map = await painMap(ctx, maintainer, { days: 30 });
    const key = map.points[0]!.key;
    const input = {
      key,
      title: 'Отвечать на письма о зачислении в течение трёх дней',
      description: 'Шаблон ответа и дежурный оператор на время приёмной кампании.',
      ownerId: owner.userId,
      dueDate: '2026-04-01',
    };
    await expect(createAction(ctx, supervisor, input)).rejects.toThrow('errors.forbidden');
    await expect(
      createAction(ctx, maintainer, { ...input, title: ' ', dueDate: '2026-02-30' }),
    ).rejects.toMatchObject({
      details: { fields: { title: 'painmap.error.title', dueDate: 'painmap.error.dueDate' } },
    });
    const id = await createAction(ctx, maintainer, input);

    // Since: two appeals rated 5 and 4, no signals.
    ctx.clock.advance(DAY);
    const v = await receive(ctx, inbound(w.email, { client: client('Volkova'), text: NEUTRAL }));
    await answer(q, v.appealId, 5, 1);
    const u = await receive(ctx, inbound(w.email, { client: client('Utkina'), text: NEUTRAL }));
    await answer(q, u.appealId, 4, 1);
    ctx.clock.advance(DAY);
    await setActionStatus(ctx, maintainer, { id, status: 'done' });

    const view = await painMap(ctx, supervisor, { days: 30 });
    const action = view.actions.find((a) => a.id === id)!;
    expect(action).toMatchObject({
      key,
      title: input.title,
      ownerName: 'Кузнецова Ольга Игоревна',
      dueDate: '2026-04-01',
      status: 'done',
      doneAt: ctx.clock.now().toISOString(),
    });
    expect(action.effect.before).toEqual({
      appeals: 4,
      signalsPer100: 75,
      meanRating: 3,
      ratings: 2,
      repeatShare: 0.25,
    });
    expect(action.effect.since).toEqual({
      appeals: 2,
      signalsPer100: 0,
      meanRating: 4.5,
      ratings: 2,
      repeatShare: 0,
    });
    expect(action.effect.trend).toEqual({ signals: 'better', rating: 'better', repeats: 'better' });
    expect(view.points.find((p) => p.key === key)!.actions).toBe(1);
    expect(first.created).toBe(true);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'improvement_action')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'painmap.action.create', entity_id: String(id) },
      { action: 'painmap.action.status', entity_id: String(id) },
    ]);
    await setActionStatus(ctx, SYSTEM, { id, status: 'in_progress' });
    expect(
      (await t.db.selectFrom('improvement_actions').select('done_at').executeTakeFirstOrThrow())
        .done_at,
    ).toBeNull();
  });

  it('demo seed: two actions, the one done 20 days ago shows its effect; a second run adds nothing', async () => {
    await seedDemo(ctx);
    const count = async (table: 'improvement_actions' | 'appeals' | 'pain_point_settings') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      actions: await count('improvement_actions'),
      appeals: await count('appeals'),
      settings: await count('pain_point_settings'),
    };
    expect(before.actions).toBe(2);
    expect(before.settings).toBeGreaterThanOrEqual(3);
    await seedDemo(ctx);
    expect({
      actions: await count('improvement_actions'),
      appeals: await count('appeals'),
      settings: await count('pain_point_settings'),
    }).toEqual(before);

    const maintainer = await makeUser(ctx, ['maintainer']);
    const map = await painMap(ctx, maintainer, { days: 30 });
    expect(map.points.length).toBeGreaterThan(0);
    const done = map.actions.find((a) => a.status === 'done')!;
    expect(done.doneAt).toBe(new Date(ctx.clock.now().getTime() - 20 * DAY).toISOString());
    expect(done.effect.before.signalsPer100).toBeGreaterThan(done.effect.since.signalsPer100 ?? 0);
    expect(done.effect.trend.signals).toBe('better');
    expect(done.effect.before.repeatShare).toBeGreaterThan(0);
    // The whole demo seed runs twice: on a loaded machine that is over the default 30 s.
  }, 180_000);
});
