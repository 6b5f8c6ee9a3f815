import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTopic, trainClassifier } from '../../src/lib/server/classify/classify.service';
import { labelledSamplesFor } from '../../src/lib/server/classify/labelled-set';
import { deleteKeywordRule, saveKeywordRule } from '../../src/lib/server/classify/rules.service';
import { SYSTEM } from '../../src/lib/server/context';
import type { Decision } from '../../src/lib/server/deadlines/decisions';
import { saveDeadlineSettings } from '../../src/lib/server/deadlines/policies.service';
import { resetEnv } from '../../src/lib/server/env';
import { saveRoutingRule } from '../../src/lib/server/routing/rules.service';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUnit, makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const appeal = (id: number) =>
  t.db
    .selectFrom('appeals')
    .innerJoin('appeal_deadlines', 'appeal_deadlines.appeal_id', 'appeals.id')
    .select(['process_id', 'priority', 'unit_id', 'assignee_id', 'decisions'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
    .then((a) => ({ ...a, decisions: JSON.parse(a.decisions) as Decision[] }));

const processId = async (name: string) =>
  (
    await t.db
      .selectFrom('processes')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id;

async function online(userId: number) {
  const now = ctx.clock.now();
  await t.db
    .insertInto('sessions')
    .values({
      id_hash: `test-${userId}-${Math.random()}`,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      last_seen_at: now.toISOString(),
      user_agent: null,
    })
    .execute();
}

describe('classification on arrival (seed 003 §2.6.2)', () => {
  it('applies a keyword rule by stem and shows it as the reason; urgency raises priority', async () => {
    const w = await appealsWorld(ctx);
    const citizens = await processId('Рассмотрение обращений граждан');
    await saveKeywordRule(ctx, SYSTEM, {
      keyword: 'зачисление',
      processId: citizens,
      priority: null,
    });
    const r = await receive(
      ctx,
      inbound(w.portal, {
        kind: 'webform',
        subject: 'Вопрос',
        text: 'Срочно! Отказывают в зачислении сына в первый класс.',
      }),
    );
    const a = await appeal(r.appealId);
    expect(a.process_id).toBe(citizens);
    expect(a.priority).toBe('urgent');
    expect(a.decisions).toContainEqual({
      kind: 'topic',
      value: citizens,
      reason: 'deadlines.reason.rule',
      params: { keyword: 'зачисление', process: 'Рассмотрение обращений граждан' },
    });
    expect(a.decisions.find((d) => d.kind === 'priority')).toMatchObject({
      value: 'urgent',
      reason: 'deadlines.reason.priority.urgent',
      params: { words: 'срочно' },
    });
  });

  it('classifies with the trained model, aggression raises priority, corrections become training data', async () => {
    const w = await appealsWorld(ctx);
    const licensing = await processId('Лицензирование образовательной деятельности');
    const citizens = await processId('Рассмотрение обращений граждан');
    const report = await trainClassifier(ctx, await labelledSamplesFor(t.db));
    expect(report.labels).toBe(2);
    const r = await receive(
      ctx,
      inbound(w.email, {
        subject: 'Лицензия',
        text: 'Позор! Полгода не можете переоформить лицензию на образовательную деятельность после переезда школы, обращусь в прокуратуру.',
      }),
    );
    const a = await appeal(r.appealId);
    expect(a.process_id).toBe(licensing);
    expect(a.priority).toBe('high');
    expect(a.decisions.find((d) => d.kind === 'topic')?.reason).toBe('deadlines.reason.model');
    expect(a.decisions.find((d) => d.kind === 'mood')?.value).toBe('negative');

    const op = await makeUser(ctx, ['operator'], { unitIds: [w.unitId] });
    await setTopic(ctx, op, { appealId: r.appealId, processId: citizens });
    const signal = await t.db.selectFrom('classify_signals').selectAll().executeTakeFirstOrThrow();
    expect(signal).toMatchObject({
      kind: 'correct',
      suggested_process_id: licensing,
      process_id: citizens,
    });
    expect((await appeal(r.appealId)).process_id).toBe(citizens);
    const again = await trainClassifier(ctx, await labelledSamplesFor(t.db));
    expect(again.samples).toBe(report.samples + 1);
  });
});

describe('routing on arrival (seed 001 §3.2.6)', () => {
  it('routes by segment to a unit and picks the online operator with the least open work', async () => {
    const w = await appealsWorld(ctx);
    const media = await makeUnit(ctx, 'Пресс-служба');
    const busy = await makeUser(ctx, ['operator'], { unitIds: [media] });
    const free = await makeUser(ctx, ['operator'], { unitIds: [media] });
    await makeUser(ctx, ['operator'], { unitIds: [media] }); // not online: never chosen
    await online(busy.userId);
    await online(free.userId);
    await saveRoutingRule(ctx, SYSTEM, { segment: 'media', unitId: media });
    const journalist = { surname: 'Орлова', firstName: 'Ирина', segment: 'media' };
    const first = await receive(
      ctx,
      inbound(w.email, { client: { ...journalist, email: 'o1@media.example' } }),
    );
    expect(await appeal(first.appealId)).toMatchObject({
      unit_id: media,
      assignee_id: busy.userId,
    });
    const second = await receive(
      ctx,
      inbound(w.email, { client: { ...journalist, email: 'o2@media.example' } }),
    );
    const a = await appeal(second.appealId);
    expect(a).toMatchObject({ unit_id: media, assignee_id: free.userId });
    expect(a.decisions.filter((d) => d.kind === 'route').map((d) => d.reason)).toEqual([
      'deadlines.reason.routeUnit',
      'deadlines.reason.leastOpen',
    ]);
    // A citizen's letter is not caught by the media rule: it stays with the process's unit.
    const other = await receive(ctx, inbound(w.email));
    expect(await appeal(other.appealId)).toMatchObject({ unit_id: w.unitId, assignee_id: null });
  });

  it('takes turns when the admin chose round robin', async () => {
    const w = await appealsWorld(ctx);
    await saveDeadlineSettings(ctx, SYSTEM, { routingStrategy: 'round_robin' });
    const second = await makeUser(ctx, ['operator'], { unitIds: [w.unitId] });
    await online(w.member.userId);
    await online(second.userId);
    const got: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await receive(ctx, inbound(w.email));
      got.push((await appeal(r.appealId)).assignee_id);
    }
    const [a, b] = [w.member.userId, second.userId].sort((x, y) => x - y);
    expect(got).toEqual([a, b, a]);
  });
});

describe('deleting a rule', () => {
  it('deletes once and records it once; a second delete (a double click, another admin) is «not found»', async () => {
    const rule = await saveKeywordRule(ctx, SYSTEM, {
      keyword: 'путёвка',
      processId: null,
      priority: 'high',
    });
    const audited = async () =>
      (
        await t.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'classify.ruleDeleted')
          .where('entity_id', '=', String(rule))
          .execute()
      ).length;
    await deleteKeywordRule(ctx, SYSTEM, rule);
    expect(
      await t.db.selectFrom('classify_rules').select('id').where('id', '=', rule).execute(),
    ).toEqual([]);
    await expect(deleteKeywordRule(ctx, SYSTEM, rule)).rejects.toThrow('errors.notFound');
    expect(await audited()).toBe(1);
  });
});
