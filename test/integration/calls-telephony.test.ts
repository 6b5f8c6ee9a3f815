import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logCall } from '../../src/lib/server/calls/log.service';
import { handleTelephonyRequest } from '../../src/lib/server/telephony/http';
import { rotateLineToken, setLineActive } from '../../src/lib/server/telephony/lines.service';
import { roomsFor } from '../../src/lib/server/realtime/rooms';
import { callForm, callsWorld } from '../support/calls';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const URL = 'http://otklik.test/api/telephony/events';

function post(body: unknown, token: string | null, contentType = 'application/json') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return handleTelephonyRequest(
    ctx,
    new Request(URL, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const ev = (event: string, at: string | number, extra: Record<string, unknown> = {}) => ({
  event,
  callId: '1740906000.42',
  line: '+7 (4000) 20-30-40',
  caller: '8 912 345-67-89',
  at,
  ...extra,
});

const callRow = () =>
  t.db
    .selectFrom('calls')
    .selectAll()
    .where('pbx_call_id', '=', '1740906000.42')
    .executeTakeFirstOrThrow();

describe('POST /api/telephony/events: authentication', () => {
  it('accepts only the bearer token of an active line, and only for that line', async () => {
    const w = await callsWorld(ctx);
    const ringing = ev('ringing', '2026-03-02T09:00:00Z');

    const none = await post(ringing, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post(ringing, 'otk_line_wrong')).status).toBe(401);
    expect((await post(ringing, `${w.token}x`)).status).toBe(401);
    expect(
      (await post({ ...ringing, line: '+74000203045' }, w.token)).status,
      'another line’s number',
    ).toBe(403);
    expect((await post('{"event":', w.token)).status).toBe(400);
    expect((await post(ringing, w.token, 'application/x-www-form-urlencoded')).status).toBe(415);

    const invalid = await post({ ...ringing, event: 'dialled', at: '2026-03-02 09:00' }, w.token);
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { details: { path: string }[] };
    expect(problem.details.map((d) => d.path).sort()).toEqual(['0.at', '0.event']);
    expect(await t.db.selectFrom('telephony_events').select('id').execute()).toHaveLength(0);

    const ok = await post(ringing, w.token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      ok: true,
      results: [
        {
          callId: '1740906000.42',
          event: 'ringing',
          at: '2026-03-02T09:00:00.000Z',
          result: 'applied',
        },
      ],
    });

    const { token: fresh } = await rotateLineToken(ctx, w.admin, w.lineId);
    expect((await post(ev('answered', '2026-03-02T09:00:05Z'), w.token)).status).toBe(401);
    expect((await post(ev('answered', '2026-03-02T09:00:05Z'), fresh)).status).toBe(200);
    await setLineActive(ctx, w.admin, { lineId: w.lineId, active: false });
    expect((await post(ev('ended', '2026-03-02T09:03:00Z'), fresh)).status).toBe(403);
    const stored = await t.db.selectFrom('telephony_lines').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(fresh);
  });
});

describe('telephony events', () => {
  it('are idempotent by call id, event and time', async () => {
    const w = await callsWorld(ctx);
    const ringing = ev('ringing', 1772442000, { agent: '101' });
    const first = await post(ringing, w.token);
    const again = await post({ ...ringing, at: '2026-03-02T09:00:00.000Z' }, w.token);
    expect(((await first.json()) as { results: { result: string }[] }).results[0]!.result).toBe(
      'applied',
    );
    expect(((await again.json()) as { results: { result: string }[] }).results[0]!.result).toBe(
      'duplicate',
    );
    expect(await t.db.selectFrom('telephony_events').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('calls').select('id').execute()).toHaveLength(1);
    expect(ctx.events.filter((e) => e.name === 'call.offered')).toHaveLength(1);
  });

  it('give the same call whatever order they arrive in', async () => {
    const w = await callsWorld(ctx);
    const events = [
      ev('ringing', '2026-03-02T09:00:00Z', { agent: '101' }),
      ev('answered', '2026-03-02T09:00:07Z', { agent: '101' }),
      ev('ended', '2026-03-02T09:04:07Z'),
    ];
    await post([events[2], events[1], events[0]], w.token);
    const reversed = await callRow();
    expect(reversed).toMatchObject({
      phase: 'ended',
      started_at: '2026-03-02T09:00:00.000Z',
      answered_at: '2026-03-02T09:00:07.000Z',
      ended_at: '2026-03-02T09:04:07.000Z',
      duration_sec: 240,
      operator_id: w.anna.userId,
      caller_phone: '+79123456789',
      line_id: w.lineId,
      touchpoint_id: w.phone,
    });
    // An ended call does not pop up, even when its ringing arrives last.
    expect(ctx.events.filter((e) => e.name === 'call.offered')).toHaveLength(0);

    await t.db.deleteFrom('telephony_events').execute();
    await t.db.deleteFrom('calls').execute();
    for (const e of events) await post(e, w.token);
    const { id: _a, created_at: _b, updated_at: _c, ...inOrder } = await callRow();
    const { id: _d, created_at: _e, updated_at: _f, ...outOfOrder } = reversed;
    expect(inOrder).toEqual(outOfOrder);
  });

  it('keep one call when its first events arrive at the same moment', async () => {
    const w = await callsWorld(ctx);
    const results = await Promise.all([
      post(ev('ringing', '2026-03-02T09:00:00Z', { agent: '101' }), w.token),
      post(ev('answered', '2026-03-02T09:00:05Z', { agent: '101' }), w.token),
      post(ev('ended', '2026-03-02T09:01:05Z'), w.token),
      post(ev('ended', '2026-03-02T09:01:05Z'), w.token),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await t.db.selectFrom('calls').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('telephony_events').select('id').execute()).toHaveLength(3);
    expect(await callRow()).toMatchObject({ phase: 'ended', duration_sec: 60 });
  });

  it('a call that ends unanswered lasts 0 seconds and is kept for a callback', async () => {
    const w = await callsWorld(ctx);
    await post(
      [ev('ringing', '2026-03-02T09:00:00Z'), ev('ended', '2026-03-02T09:00:30Z')],
      w.token,
    );
    expect(await callRow()).toMatchObject({ phase: 'ended', answered_at: null, duration_sec: 0 });
  });

  it('pops up for the agent’s user, the line’s default or every operator', async () => {
    const w = await callsWorld(ctx);
    const offered = () =>
      ctx.events.filter((e) => e.name === 'call.offered').map((e) => roomsFor(e));
    await post(ev('ringing', '2026-03-02T09:00:00Z', { agent: '102' }), w.token);
    await post(
      ev('ringing', '2026-03-02T09:00:00Z', { callId: 'B', agent: 'anna@nowhere' }),
      w.token,
    );
    await post(
      ev('ringing', '2026-03-02T09:00:00Z', {
        callId: 'C',
        agent: w.anna.email,
        caller: '+7 912 345-67-89',
      }),
      w.token,
    );
    expect(offered()).toEqual([
      [`user:${w.igor.userId}`],
      ['role:operator'],
      [`user:${w.anna.userId}`],
    ]);
    const popup = ctx.events.find((e) => e.name === 'call.offered')!;
    expect(popup.payload).toMatchObject({ caller: '8 912 345-67-89', line: 'Горячая линия' });
  });

  it('fill the duration of a call logged while it was still going', async () => {
    const w = await callsWorld(ctx);
    await post(ev('answered', '2026-03-02T09:00:00Z', { agent: '101' }), w.token);
    const call = await callRow();
    await logCall(ctx, w.anna, callForm(w.phone, { callId: call.id, key: null }));
    ctx.events.length = 0;
    await post(ev('ringing', '2026-03-02T08:59:50Z', { agent: '102' }), w.token);
    await post(ev('ended', '2026-03-02T09:02:00Z'), w.token);
    expect(await callRow()).toMatchObject({
      duration_sec: 120,
      started_at: '2026-03-02T08:59:50.000Z',
      operator_id: w.anna.userId,
      outcome: 'resolved',
    });
    expect(ctx.events.filter((e) => e.name === 'call.offered')).toHaveLength(0);
  });
});
