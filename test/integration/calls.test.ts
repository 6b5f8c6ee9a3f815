import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appealView } from '../../src/lib/server/appeals/view.service';
import { logCall } from '../../src/lib/server/calls/log.service';
import { callsOverview } from '../../src/lib/server/calls/overview.service';
import { callScreen, lookupCaller } from '../../src/lib/server/calls/screen.service';
import { createScript, publishedScripts } from '../../src/lib/server/calls/scripts.service';
import { transferCall } from '../../src/lib/server/calls/transfer.service';
import { receiveTelephonyEvent } from '../../src/lib/server/telephony/events.service';
import { telephonyEventSchema } from '../../src/lib/domain/calls/telephony';
import { callForm, callsWorld } from '../support/calls';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const HOUR = 3_600_000;
const event = (raw: Record<string, unknown>) =>
  telephonyEventSchema.parse({ line: '+74000203040', caller: '+79123456789', ...raw });

describe('logging a call', () => {
  it('resolved: opens the appeal closed, matches the client by number and keeps the checklist', async () => {
    const w = await callsWorld(ctx);
    const first = await logCall(ctx, w.anna, callForm(w.phone, { outcome: 'resolved' }));
    const row = await t.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', first.callId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      outcome: 'resolved',
      operator_id: w.anna.userId,
      caller_phone: '+79123456789',
      chk_greeted: 1,
      chk_solution: 1,
    });
    const view = await appealView(ctx, w.anna, first.appealNumber);
    expect(view.appeal).toMatchObject({ status: 'closed', assigneeId: w.anna.userId });
    expect(view.client).toMatchObject({ surname: 'Петренко', phones: ['+79123456789'] });
    expect(view.timeline.find((i) => i.kind === 'call')?.text).toContain('какие документы');

    // Seed 000 §3.5: an unticked item is stored as such, for the metrics.
    ctx.clock.advance(HOUR);
    const second = await logCall(
      ctx,
      w.anna,
      callForm(w.phone, {
        callerNumber: '+7 912 345 67 89',
        surname: '',
        firstName: '',
        patronymic: '',
        checklist: {
          greeted: true,
          askedName: false,
          usedName: false,
          clarified: true,
          solution: true,
        },
      }),
    );
    const caller = await lookupCaller(ctx, w.anna, '89123456789');
    expect(caller.client?.id).toBe(view.client.id);
    expect(caller.appeals.map((a) => a.number).sort()).toEqual(
      [first.appealNumber, second.appealNumber].sort(),
    );
    expect(caller.calls.map((c) => c.id)).toEqual([second.callId, first.callId]);
    expect(caller.calls[0]).toMatchObject({ askedName: 0, usedName: 0, greeted: 1 });
    const overview = await callsOverview(ctx, w.igor, { everyone: true });
    expect(overview.conduct).toMatchObject({
      calls: 2,
      missed: { askedName: 1, usedName: 1, greeted: 0 },
    });
  });

  it('stores a call once when the same screen is saved twice', async () => {
    const w = await callsWorld(ctx);
    const form = callForm(w.phone);
    await logCall(ctx, w.anna, form);
    await expect(logCall(ctx, w.anna, form)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'calls.alreadyLogged',
    });
    expect(await t.db.selectFrom('calls').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('appeals').select('id').execute()).toHaveLength(1);
  });

  it('follow-up: needs a future deadline, leaves the appeal open with its owner and unit', async () => {
    const w = await callsWorld(ctx);
    await expect(
      logCall(ctx, w.anna, callForm(w.phone, { outcome: 'follow_up' })),
    ).rejects.toMatchObject({ message: 'calls.dueRequired' });
    await expect(
      logCall(
        ctx,
        w.anna,
        callForm(w.phone, { outcome: 'follow_up', dueAt: '2026-03-01T15:00:00.000Z' }),
      ),
    ).rejects.toMatchObject({ message: 'calls.dueInPast' });
    const r = await logCall(
      ctx,
      w.anna,
      callForm(w.phone, {
        outcome: 'follow_up',
        dueAt: '2026-03-05T15:00:00.000Z',
        ownerId: w.igor.userId,
        unitId: w.unitId,
      }),
    );
    const view = await appealView(ctx, w.anna, r.appealNumber);
    expect(view.appeal).toMatchObject({
      status: 'open',
      assigneeId: w.igor.userId,
      unitId: w.unitId,
      answerDueAt: '2026-03-05T15:00:00.000Z',
    });
  });

  it('continues an open appeal of the caller instead of opening a new one', async () => {
    const w = await callsWorld(ctx);
    const first = await logCall(
      ctx,
      w.anna,
      callForm(w.phone, { outcome: 'follow_up', dueAt: '2026-03-05T15:00:00.000Z' }),
    );
    ctx.clock.advance(HOUR);
    const again = await logCall(
      ctx,
      w.igor,
      callForm(w.phone, { appealNumber: first.appealNumber, outcome: 'resolved' }),
    );
    expect(again.appealNumber).toBe(first.appealNumber);
    const view = await appealView(ctx, w.anna, first.appealNumber);
    expect(view.appeal.status).toBe('closed');
    expect(view.timeline.filter((i) => i.kind === 'call')).toHaveLength(2);
  });

  it('shows the published scripts of the process and lets an editor add a plain one', async () => {
    const w = await callsWorld(ctx);
    const process = await t.db
      .selectFrom('processes')
      .select('id')
      .where('name', '=', 'Рассмотрение обращений граждан')
      .executeTakeFirstOrThrow();
    const editor = await makeUser(ctx, ['editor']);
    await expect(
      createScript(ctx, w.anna, { title: 'x', body: 'y', processIds: [] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const id = await createScript(ctx, editor, {
      title: 'Запись на приём',
      body: 'Здравствуйте! Как к вам обращаться?\r\nУточните дату.',
      processIds: [process.id],
    });
    expect(await publishedScripts(t.db)).toEqual([
      {
        id,
        title: 'Запись на приём',
        body: 'Здравствуйте! Как к вам обращаться?\nУточните дату.',
        processIds: [process.id],
      },
    ]);
    const r = await logCall(ctx, w.anna, callForm(w.phone, { scriptId: id }));
    const usage = await t.db.selectFrom('template_usage').selectAll().execute();
    expect(usage).toMatchObject([{ template_id: id, user_id: w.anna.userId }]);
    expect(r.appealNumber).toMatch(/^2026-/);
  });
});

describe('the two-transfer rule (seed 001 §3.2.5, seed 003 §2.7.2)', () => {
  it('allows two transfers, asks a reason for the third and records it as a breach', async () => {
    const w = await callsWorld(ctx);
    const other = await makeUser(ctx, ['operator']);
    const first = await transferCall(ctx, w.anna, {
      touchpointId: w.phone,
      callerNumber: '89123456789',
      toUserId: w.igor.userId,
      draft: { surname: 'Петренко', topic: 'Питание' },
    });
    expect(first).toMatchObject({ seq: 1, breach: false });
    expect(ctx.events.find((e) => e.name === 'call.offered')?.payload).toMatchObject({
      callId: first.callId,
      userId: w.igor.userId,
      phase: 'transferred',
    });
    const callId = first.callId;
    expect(await transferCall(ctx, w.igor, { callId, toUnitId: w.unitId })).toMatchObject({
      seq: 2,
      breach: false,
    });
    await expect(
      transferCall(ctx, w.igor, { callId, toUserId: other.userId }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      message: 'calls.transferReasonRequired',
      details: { seq: 3 },
    });
    const third = await transferCall(ctx, w.igor, {
      callId,
      toUserId: other.userId,
      reason: 'Вопрос о компенсации ведёт только Сидорова',
    });
    expect(third).toMatchObject({ seq: 3, breach: true });
    const screen = await callScreen(ctx, other, { id: callId });
    expect(screen.transfers.map((x) => [x.seq, x.breach])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(screen.draft).toMatchObject({ surname: 'Петренко', topic: 'Питание' });
    const audit = await t.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('call.transfer.breach');

    await logCall(ctx, other, callForm(w.phone, { callId, key: null }));
    await expect(
      transferCall(ctx, other, { callId, toUserId: w.anna.userId, reason: 'ещё' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('records PBX transfers in the order they happened and flags the third', async () => {
    const w = await callsWorld(ctx);
    const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 9, min)).toISOString();
    const pbx = (raw: Record<string, unknown>) =>
      receiveTelephonyEvent(ctx, w.line, event({ callId: 'T-1', ...raw }));
    await pbx({ event: 'ringing', at: at(0), agent: '101' });
    await pbx({ event: 'transferred', at: at(3), target: '999' });
    await pbx({ event: 'transferred', at: at(1), target: '102' });
    await pbx({ event: 'transferred', at: at(2), target: '101' });
    const call = await t.db
      .selectFrom('calls')
      .selectAll()
      .where('pbx_call_id', '=', 'T-1')
      .executeTakeFirstOrThrow();
    const transfers = await t.db
      .selectFrom('call_transfers')
      .select(['seq', 'at', 'to_user_id', 'to_text', 'breach', 'source'])
      .where('call_id', '=', call.id)
      .orderBy('seq')
      .execute();
    expect(transfers).toEqual([
      { seq: 1, at: at(1), to_user_id: w.igor.userId, to_text: null, breach: 0, source: 'pbx' },
      { seq: 2, at: at(2), to_user_id: w.anna.userId, to_text: null, breach: 0, source: 'pbx' },
      { seq: 3, at: at(3), to_user_id: null, to_text: '999', breach: 1, source: 'pbx' },
    ]);
    expect(call.routed_to).toBe('999');
  });
});

describe('callbacks', () => {
  it('appear in the owner’s queue when their time comes and leave it once made', async () => {
    const w = await callsWorld(ctx);
    const callbackAt = new Date(Date.parse('2026-03-02T09:00:00.000Z') + 2 * HOUR).toISOString();
    await expect(
      logCall(ctx, w.anna, callForm(w.phone, { outcome: 'callback' })),
    ).rejects.toMatchObject({ message: 'calls.callbackRequired' });
    const r = await logCall(
      ctx,
      w.anna,
      callForm(w.phone, { outcome: 'callback', callbackAt, ownerId: w.igor.userId }),
    );
    expect(ctx.events.find((e) => e.name === 'callback.scheduled')?.payload).toEqual({
      callId: r.callId,
      ownerId: w.igor.userId,
      callbackAt,
    });
    const view = await appealView(ctx, w.anna, r.appealNumber);
    expect(view.appeal).toMatchObject({
      status: 'open',
      assigneeId: w.igor.userId,
      answerDueAt: callbackAt,
    });

    let queue = await callsOverview(ctx, w.igor, { everyone: false });
    expect(queue.callbacks.due).toHaveLength(0);
    expect(queue.callbacks.later.map((c) => c.id)).toEqual([r.callId]);
    expect(queue.callbacks.nextAt).toBe(callbackAt);
    expect((await callsOverview(ctx, w.anna, { everyone: false })).callbacks.later).toHaveLength(0);

    ctx.clock.advance(2 * HOUR);
    queue = await callsOverview(ctx, w.igor, { everyone: false });
    expect(queue.callbacks.due.map((c) => [c.id, c.appealNumber])).toEqual([
      [r.callId, r.appealNumber],
    ]);

    const screen = await callScreen(ctx, w.igor, { id: null, callback: r.callId });
    expect(screen.callback).toMatchObject({ appealNumber: r.appealNumber, surname: 'Петренко' });
    expect(screen.caller.client?.surname).toBe('Петренко');
    await logCall(
      ctx,
      w.igor,
      callForm(w.phone, {
        appealNumber: r.appealNumber,
        completesCallback: r.callId,
        topic: 'Обратный звонок: питание',
      }),
    );
    queue = await callsOverview(ctx, w.igor, { everyone: false });
    expect(queue.callbacks.due).toHaveLength(0);
    expect((await appealView(ctx, w.igor, r.appealNumber)).appeal.status).toBe('closed');
  });
});
