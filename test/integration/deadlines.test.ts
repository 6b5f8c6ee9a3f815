import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDeadlinePolicies } from '../../db/seed/deadlines';
import { assign, changeStatus } from '../../src/lib/server/appeals/work.service';
import { savePolicy, saveDeadlineSettings } from '../../src/lib/server/deadlines/policies.service';
import { deadlineTick } from '../../src/lib/server/deadlines/tick.service';
import { extendDeadline, setDisposition } from '../../src/lib/server/deadlines/actions.service';
import { appealDeadlines } from '../../src/lib/server/deadlines/view.service';
import { makeUser } from '../support/factories';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { roomsFor } from '../../src/lib/server/realtime/rooms';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';

const HOUR = 3_600_000;
let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  // Monday 2 March 2026, 12:00 Moscow.
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const dues = (id: number) =>
  t.db
    .selectFrom('appeals')
    .select(['ack_due_at', 'first_response_due_at', 'answer_due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('deadlines on arrival', () => {
  it('sets 59-FZ deadlines for an appeal of citizens and the agency rule elsewhere', async () => {
    const w = await appealsWorld(ctx);
    expect(await seedDeadlinePolicies(ctx)).toBeGreaterThan(2);
    const citizen = await receive(ctx, inbound(w.email));
    // 59-FZ art. 8 p. 2 and art. 12 p. 1: registration within 3 days, answer within 30 days.
    expect(await dues(citizen.appealId)).toEqual({
      ack_due_at: '2026-03-05T20:59:59.999Z',
      first_response_due_at: null,
      answer_due_at: '2026-04-01T20:59:59.999Z',
    });
    const licence = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    expect(await dues(licence.appealId)).toEqual({
      ack_due_at: '2026-03-03T20:59:59.999Z',
      first_response_due_at: '2026-03-05T20:59:59.999Z',
      answer_due_at: '2026-04-01T20:59:59.999Z',
    });
    const state = await t.db
      .selectFrom('appeal_deadlines')
      .select(['basis', 'decisions'])
      .where('appeal_id', '=', citizen.appealId)
      .executeTakeFirstOrThrow();
    expect(state.basis).toBe('fz59');
    expect(JSON.parse(state.decisions)).toContainEqual(
      expect.objectContaining({ kind: 'policy', reason: 'deadlines.reason.policy' }),
    );
  });

  it('stops the clock while waiting for the client and resumes on the reply', async () => {
    const w = await appealsWorld(ctx);
    await seedDeadlinePolicies(ctx);
    const a = await receive(ctx, inbound(w.email));
    ctx.clock.advance(2 * 24 * HOUR);
    await changeStatus(ctx, w.member, { appealId: a.appealId, status: 'open' });
    await changeStatus(ctx, w.member, { appealId: a.appealId, status: 'waiting' });
    ctx.clock.advance(3 * 24 * HOUR);
    await receive(ctx, inbound(w.email, { appealNumber: a.number, subject: 'Дополнение' }));
    // Paused 4 → 7 March: three days more; 4 April is a Saturday, so Monday 6 April.
    expect((await dues(a.appealId)).answer_due_at).toBe('2026-04-06T20:59:59.999Z');
    const st = await t.db
      .selectFrom('appeal_deadlines')
      .select(['paused_since', 'paused_ms'])
      .where('appeal_id', '=', a.appealId)
      .executeTakeFirstOrThrow();
    expect(st).toEqual({ paused_since: null, paused_ms: 3 * 24 * HOUR });
  });
});

describe('deadline watch', () => {
  it('warns at 80 % once, then records the breach and its final time over', async () => {
    const w = await appealsWorld(ctx);
    await savePolicy(ctx, SYSTEM, {
      name: 'Портал: 10 часов',
      basis: 'agency',
      touchpointId: w.portal,
      answer: { amount: 10, unit: 'calendar_hours' },
    });
    const a = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    await assign(ctx, w.member, { appealId: a.appealId, assigneeId: w.member.userId });
    ctx.clock.advance(7 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 0, settled: 0 });
    ctx.clock.advance(HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 1, breached: 0, settled: 0 });
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 0, settled: 0 });
    const warning = ctx.events.find((e) => e.name === 'deadline.warning')!;
    expect(warning.payload).toMatchObject({ appealId: a.appealId, assigneeId: w.member.userId });
    expect(roomsFor(warning)).toEqual(['role:supervisor', `user:${w.member.userId}`]);

    ctx.clock.advance(3 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 1, settled: 0 });
    const breach = ctx.events.find((e) => e.name === 'deadline.breached')!;
    expect(breach.payload).toMatchObject({ overMs: HOUR });
    ctx.clock.advance(HOUR);
    await changeStatus(ctx, w.member, { appealId: a.appealId, status: 'closed' });
    ctx.clock.advance(5 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 0, settled: 1 });
    const st = await t.db
      .selectFrom('appeal_deadlines')
      .select(['over_ms', 'breach_settled_at'])
      .where('appeal_id', '=', a.appealId)
      .executeTakeFirstOrThrow();
    expect(st.over_ms).toBe(2 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 0, settled: 0 });
  });

  it('uses the configured warning share and leaves paused appeals alone', async () => {
    const w = await appealsWorld(ctx);
    await saveDeadlineSettings(ctx, SYSTEM, { warnShare: 0.5 });
    await savePolicy(ctx, SYSTEM, {
      name: 'Портал: 10 часов',
      basis: 'agency',
      touchpointId: w.portal,
      answer: { amount: 10, unit: 'calendar_hours' },
    });
    const waiting = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    const open = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    await changeStatus(ctx, w.member, { appealId: waiting.appealId, status: 'waiting' });
    ctx.clock.advance(6 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 1, breached: 0, settled: 0 });
    ctx.clock.advance(6 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ warned: 0, breached: 1, settled: 0 });
    const breached = ctx.events.filter((e) => e.name === 'deadline.breached');
    expect(breached.map((e) => e.payload.appealId)).toEqual([open.appealId]);
    // Nobody holds it: the warning goes to the unit and the supervisors.
    expect(roomsFor(breached[0]!)).toEqual(['role:supervisor', `unit:${w.unitId}`]);
  });
});

describe('extension, dispositions and the «Сроки» block', () => {
  it('extends within the policy with a reason and tells the client; forwards and records where', async () => {
    const w = await appealsWorld(ctx);
    await seedDeadlinePolicies(ctx);
    const boss = await makeUser(ctx, ['supervisor']);
    const a = await receive(ctx, inbound(w.email));
    await expect(
      extendDeadline(ctx, w.member, { appealId: a.appealId, days: 10, reason: 'Запрос в школу' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // 59-FZ art. 12 p. 2: at most 30 days in total.
    await expect(
      extendDeadline(ctx, boss, { appealId: a.appealId, days: 31, reason: 'Долго' }),
    ).rejects.toMatchObject({ message: 'deadlines.extendTooLong' });
    await extendDeadline(ctx, boss, { appealId: a.appealId, days: 30, reason: 'Запрос в школу' });
    expect((await dues(a.appealId)).answer_due_at).toBe('2026-05-04T20:59:59.999Z');
    const notice = await t.db
      .selectFrom('interactions')
      .innerJoin('outbox', 'outbox.interaction_id', 'interactions.id')
      .select(['interactions.kind', 'interactions.text'])
      .where('interactions.appeal_id', '=', a.appealId)
      .executeTakeFirstOrThrow();
    expect(notice.kind).toBe('notice');
    expect(notice.text).toContain('Новый срок — 4 мая 2026 г.');
    expect(notice.text).toContain('Причина: Запрос в школу.');

    await setDisposition(ctx, w.member, {
      appealId: a.appealId,
      disposition: 'forwarded',
      forwardedTo: 'Министерство здравоохранения Энской области',
    });
    const view = await appealDeadlines(ctx, w.member, a.appealId);
    expect(view.forwarded?.to).toBe('Министерство здравоохранения Энской области');
    expect(view.extension).toMatchObject({ days: 30, reason: 'Запрос в школу' });
    expect(view.targets.map((x) => x.kind)).toEqual(['ack', 'answer', 'forward']);
    expect(view.decisions).toContainEqual(expect.objectContaining({ kind: 'policy' }));
    await expect(
      setDisposition(ctx, w.member, { appealId: a.appealId, disposition: 'repeated' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives an unreadable letter 7 days for the notice (59-FZ art. 11 p. 4)', async () => {
    const w = await appealsWorld(ctx);
    await seedDeadlinePolicies(ctx);
    const a = await receive(ctx, inbound(w.email));
    await setDisposition(ctx, w.member, { appealId: a.appealId, disposition: 'unreadable' });
    expect((await dues(a.appealId)).answer_due_at).toBe('2026-03-10T20:59:59.999Z');
  });
});
