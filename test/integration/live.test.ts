import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inbox } from '../../src/lib/server/appeals/inbox.service';
import { appealView } from '../../src/lib/server/appeals/view.service';
import { addNote, assign, reply } from '../../src/lib/server/appeals/work.service';
import { liveBoard, reassign } from '../../src/lib/server/live/board.service';
import { presenceOf, viewersOf } from '../../src/lib/server/realtime/presence.queries';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { realtimeNodes } from '../support/realtime';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUnit, makeUser } from '../support/factories';

let t: TestDb;
const live = realtimeNodes();

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await live.closeAll();
  await t.drop();
});

type Live = { name: string; payload: { appealId?: number; number?: string } };

/** The first event `name` about `appealId` the socket receives within `ms`, or null. */
const eventFor = (socket: Socket, name: string, appealId: number, ms = 2000) =>
  new Promise<Live | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    const on = (e: Live) => {
      if (e.name !== name || e.payload.appealId !== appealId) return;
      clearTimeout(timer);
      socket.off('event', on);
      resolve(e);
    };
    socket.on('event', on);
  });

type Viewers = { appealId: number; viewers: { name: string; typing: boolean }[] };
const viewersWhere = (socket: Socket, test: (v: Viewers) => boolean, ms = 3000) =>
  new Promise<Viewers | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    const on = (v: Viewers) => {
      if (!test(v)) return;
      clearTimeout(timer);
      socket.off('viewers', on);
      resolve(v);
    };
    socket.on('viewers', on);
  });

/** Two units with an operator each, a supervisor, and appeals in the pool, in X, in Y, and in Y held by X's operator. */
async function contactCentre(ctx: TestContext) {
  const world = await appealsWorld(ctx);
  const unitX = await makeUnit(ctx, 'Отдел приёма граждан');
  const unitY = await makeUnit(ctx, 'Отдел образования');
  const opX = await makeUser(ctx, ['operator'], { unitIds: [unitX], name: 'Иксова Ольга' });
  const opY = await makeUser(ctx, ['operator'], { unitIds: [unitY], name: 'Игрекова Юлия' });
  const sup = await makeUser(ctx, ['supervisor', 'operator'], { name: 'Старшова Вера' });
  const make = async (unitId: number | null, assigneeId: number | null = null) => {
    const a = await receive(ctx, inbound(world.email));
    await assign(ctx, sup, { appealId: a.appealId, unitId, assigneeId });
    return a;
  };
  return {
    world,
    unitX,
    unitY,
    opX,
    opY,
    sup,
    pool: await make(null),
    inX: await make(unitX),
    inY: await make(unitY),
    yHeldByX: await make(unitY, opX.userId),
  };
}

describe('who sees which appeal', () => {
  it('gives an operator their units, the common pool and their own work; a supervisor everything', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    const all = async (actor: typeof c.opX) =>
      (await inbox(ctx, actor, { queue: 'all', filters: {}, cursor: null })).rows
        .map((r) => r.number)
        .sort();
    expect(await all(c.opX)).toEqual([c.pool.number, c.inX.number, c.yHeldByX.number].sort());
    expect(await all(c.opY)).toEqual([c.pool.number, c.inY.number, c.yHeldByX.number].sort());
    expect(await all(c.sup)).toHaveLength(4);
    await expect(appealView(ctx, c.opX, c.inY.number)).rejects.toThrow('errors.notFound');
    await expect(
      addNote(ctx, c.opX, { appealId: c.inY.appealId, text: 'Посмотрю сам' }),
    ).rejects.toThrow('errors.notFound');
    expect((await appealView(ctx, c.opY, c.inY.number)).appeal.number).toBe(c.inY.number);
  });

  it('sends appeal events only to the appeal’s unit, its assignee and supervisors', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    const url = await live.start(ctx);
    const [x, y, s] = await Promise.all([
      live.connectAs(url, ctx, c.opX.email),
      live.connectAs(url, ctx, c.opY.email),
      live.connectAs(url, ctx, c.sup.email),
    ]);
    const seen = [
      eventFor(x, 'interaction.added', c.inY.appealId, 700),
      eventFor(y, 'interaction.added', c.inY.appealId),
      eventFor(s, 'interaction.added', c.inY.appealId),
    ];
    await addNote(ctx, c.sup, { appealId: c.inY.appealId, text: 'Проверьте сроки' });
    const [toX, toY, toS] = await Promise.all(seen);
    expect(toX).toBeNull();
    expect(toY?.payload.number).toBe(c.inY.number);
    expect(toS).not.toBeNull();

    // Moved from Y to X: Y sees it leave, X sees it come.
    const moved = [
      eventFor(x, 'appeal.updated', c.inY.appealId),
      eventFor(y, 'appeal.updated', c.inY.appealId),
    ];
    await assign(ctx, c.sup, { appealId: c.inY.appealId, unitId: c.unitX });
    const [cameToX, leftY] = await Promise.all(moved);
    expect(cameToX).not.toBeNull();
    expect(leftY).not.toBeNull();
    const after = eventFor(y, 'interaction.added', c.inY.appealId, 700);
    await addNote(ctx, c.sup, { appealId: c.inY.appealId, text: 'Теперь у отдела приёма' });
    expect(await after).toBeNull();
  });
});

describe('collisions and presence', () => {
  it('shows who else has the appeal open and who is typing, across nodes through Redis', async () => {
    const redisUrl = process.env.OTKLIK_TEST_REDIS_URL;
    if (!redisUrl) {
      throw new Error(
        'Redis is needed: run `npm test` (scripts/services/redis.sh starts one) or set OTKLIK_TEST_REDIS_URL (Debian: apt-get install redis-server).',
      );
    }
    const nodeA = testContext(t.db);
    const nodeB = testContext(t.db);
    const c = await contactCentre(nodeA);
    const urlA = await live.start(nodeA, redisUrl);
    const urlB = await live.start(nodeB, redisUrl);
    const y = await live.connectAs(urlA, nodeA, c.opY.email);
    const s = await live.connectAs(urlB, nodeB, c.sup.email);
    const x = await live.connectAs(urlB, nodeB, c.opX.email);
    const appealId = c.inY.appealId;
    const both = (v: Viewers) =>
      v.appealId === appealId &&
      v.viewers
        .map((w) => w.name)
        .sort()
        .join() === ['Игрекова Юлия', 'Старшова Вера'].join();
    const yeesBoth = viewersWhere(y, both);
    y.emit('appeal.open', appealId);
    await viewersWhere(y, (v) => v.appealId === appealId);
    s.emit('appeal.open', appealId);
    expect(await yeesBoth).not.toBeNull();

    const typing = viewersWhere(y, (v) =>
      v.viewers.some((w) => w.name === 'Старшова Вера' && w.typing),
    );
    s.emit('appeal.typing');
    expect(await typing).not.toBeNull();

    // Another unit's operator cannot join the appeal's room, nor appear in it.
    const xGot = viewersWhere(x, (v) => v.appealId === appealId, 700);
    x.emit('appeal.open', appealId);
    expect(await xGot).toBeNull();

    const left = viewersWhere(y, (v) => v.appealId === appealId && v.viewers.length === 1);
    s.close();
    expect((await left)?.viewers[0]?.name).toBe('Игрекова Юлия');
  });

  it('tells online, away and offline from every tab on every node, and survives a reload', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    const url = await live.start(ctx);
    const status = async () =>
      (await presenceOf(ctx.db, [c.opX.userId], ctx.clock.now().getTime())).get(c.opX.userId)!
        .status;
    expect(await status()).toBe('offline');
    const tab1 = await live.connectAs(url, ctx, c.opX.email);
    await expect.poll(status).toBe('online');
    tab1.emit('presence', 'away');
    await expect.poll(status).toBe('away');
    const tab2 = await live.connectAs(url, ctx, c.opX.email);
    await expect.poll(status).toBe('online');
    tab2.close();
    tab1.close();
    const closed = async () =>
      (
        await ctx.db
          .selectFrom('presence')
          .select('gone_at')
          .where('user_id', '=', c.opX.userId)
          .execute()
      ).every((r) => r.gone_at != null);
    await expect.poll(closed).toBe(true);
    // A reload reconnects within the grace period: still online.
    ctx.clock.advance(2000);
    expect(await status()).toBe('online');
    ctx.clock.advance(10_000);
    expect(await status()).toBe('offline');
  });

  it('shows a tab that clicks quickly through appeals on the last one it opened only', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    const url = await live.start(ctx);
    const tab = await live.connectAs(url, ctx, c.sup.email);
    const ids = [c.pool, c.inX, c.inY, c.yHeldByX].map((a) => a.appealId);
    const last = ids[ids.length - 1]!;
    for (let round = 0; round < 5; round++) {
      for (const id of ids) {
        tab.emit('appeal.open', id);
        tab.emit('appeal.close');
      }
    }
    tab.emit('appeal.open', last);
    // The tab's events are handled in order: once it is away, every click before is done.
    tab.emit('presence', 'away');
    const now = () => ctx.clock.now().getTime();
    const mine = async () => (await presenceOf(ctx.db, [c.sup.userId], now())).get(c.sup.userId)!;
    await expect.poll(async () => (await mine()).status).toBe('away');
    expect((await mine()).appealId).toBe(last);
    for (const id of ids.slice(0, -1)) expect(await viewersOf(ctx.db, id, now())).toEqual([]);
  });

  it('asks before sending a reply when someone answered since the appeal was opened', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    const appealId = c.inY.appealId;
    const first = await reply(ctx, c.opY, {
      appealId,
      text: await politeReply(ctx, appealId, 'Документы можно подать в любой школе района.'),
      seenReplyId: 0,
    });
    expect(first).toBeTruthy();
    const late = {
      appealId,
      text: await politeReply(ctx, appealId, 'Подать документы можно на портале Госуслуг.'),
      seenReplyId: 0,
    };
    await expect(reply(ctx, c.sup, late)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'appeals.answeredMeanwhile',
      details: { name: 'Игрекова Юлия' },
    });
    await expect(reply(ctx, c.sup, { ...late, confirmed: true })).resolves.toBeTruthy();
    const replies = await ctx.db
      .selectFrom('interactions')
      .select('id')
      .where('appeal_id', '=', appealId)
      .where('direction', '=', 'out')
      .execute();
    expect(replies).toHaveLength(2);
  });
});

describe('the supervisor’s board', () => {
  it('counts what waits, what arrived and was answered in the hour, and moves a selection at once', async () => {
    const ctx = testContext(t.db);
    const c = await contactCentre(ctx);
    ctx.clock.advance(2 * 3_600_000);
    const fresh = await receive(ctx, inbound(c.world.email));
    await reply(ctx, c.sup, {
      appealId: c.pool.appealId,
      text: await politeReply(ctx, c.pool.appealId, 'Ответ подготовлен, он во вложении.'),
    });
    const board = await liveBoard(ctx, c.sup);
    expect(board.totals).toMatchObject({ waiting: 4, arrivedHour: 1, answeredHour: 1 });
    expect(board.totals.oldestAt).toBe('2026-03-02T09:00:00.000Z');
    const y = board.queues.find((q) => q.key === `unit:${c.unitY}`)!;
    expect(y).toMatchObject({ waiting: 2 });
    expect(board.operators.map((o) => o.name)).toContain('Иксова Ольга');
    expect(board.operators.find((o) => o.name === 'Иксова Ольга')).toMatchObject({
      status: 'offline',
      openWork: 1,
    });
    // The wallboard's figures without the list: the same totals, no appeals read.
    const wall = await liveBoard(ctx, c.sup, { appeals: false });
    expect(board.appeals.length).toBeGreaterThan(0);
    expect(wall.appeals).toEqual([]);
    expect(wall.totals).toEqual(board.totals);

    await expect(
      reassign(ctx, c.opX, { appealIds: [fresh.appealId], assigneeId: c.opX.userId, reason: '' }),
    ).rejects.toThrow('errors.forbidden');
    ctx.events.length = 0;
    expect(
      await reassign(ctx, c.sup, {
        appealIds: [fresh.appealId, c.inX.appealId],
        assigneeId: c.opY.userId,
        reason: '',
      }),
    ).toBe(2);
    const after = await liveBoard(ctx, c.sup);
    expect(after.operators.find((o) => o.name === 'Игрекова Юлия')?.openWork).toBe(2);

    // A 59-FZ forwarding deadline missed counts as breached, as /deadlines lists it.
    const at = ctx.clock.now().toISOString();
    await ctx.db.deleteFrom('appeal_deadlines').where('appeal_id', '=', c.inY.appealId).execute();
    await ctx.db
      .insertInto('appeal_deadlines')
      .values({ appeal_id: c.inY.appealId, started_at: at, forward_breached_at: at })
      .execute();
    const late = await liveBoard(ctx, c.sup);
    expect(late.totals.breached).toBe(board.totals.breached + 1);
    expect(late.appeals.find((a) => a.id === c.inY.appealId)).toMatchObject({ breached: true });
    expect(ctx.events.filter((e) => e.name === 'appeal.updated')).toHaveLength(2);
  });
});
