import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inbox } from '../../src/lib/server/appeals/inbox.service';
import { logManual } from '../../src/lib/server/appeals/manual.service';
import { appealView, attachment } from '../../src/lib/server/appeals/view.service';
import { resetEnv } from '../../src/lib/server/env';
import { serverChecker } from '../../src/lib/server/style/checker';
import { gateReply, replyCheckOptions } from '../../src/lib/server/style/gate';
import { addNote, assign, changeStatus, reply } from '../../src/lib/server/appeals/work.service';
import { mergeClients, undoMerge } from '../../src/lib/server/clients/merge.service';
import { updateClient } from '../../src/lib/server/clients/clients.service';
import { connect } from '../../src/lib/server/db/connect';
import {
  claim,
  duePending,
  markFailed,
  markSent,
} from '../../src/lib/server/outbox/outbox.queries';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env); // attachments go to this test's data folder
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const queue = (
  actor: Parameters<typeof inbox>[1],
  q: Parameters<typeof inbox>[2]['queue'],
  search?: string,
) => inbox(ctx, actor, { queue: q, filters: { q: search ?? null }, cursor: null });

describe('appeals', () => {
  it('numbers appeals per year without gaps or repeats under concurrent creation', async () => {
    const w = await appealsWorld(ctx);
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        receive(ctx, inbound(w.email, { client: { email: `parallel${i}@mail.example` } })),
      ),
    );
    const numbers = results.map((r) => r.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 25 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
    );
    // A creation that fails after taking a number gives it back.
    await expect(receive(ctx, inbound(9999))).rejects.toMatchObject({ code: 'INVALID' });
    expect((await receive(ctx, inbound(w.email))).number).toBe('2026-000026');
    ctx.clock.advance(365 * 86_400_000);
    expect((await receive(ctx, inbound(w.email))).number).toBe('2027-000001');
  });

  // Two pools of one PostgreSQL database. (better-sqlite3 is synchronous: two connections in one
  // process would block each other's event loop, so SQLite is covered by the single-pool test.)
  it.runIf(process.env.OTKLIK_TEST_DB === 'postgres')(
    'keeps numbering gapless across two connection pools writing at once',
    async () => {
      const w = await appealsWorld(ctx);
      const second = connect({ postgresUrl: t.env.DATABASE_URL! });
      try {
        const ctx2 = { ...ctx, db: second };
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            receive(
              i % 2 ? ctx : ctx2,
              inbound(w.email, { client: { email: `two${i}@mail.example` } }),
            ),
          ),
        );
        expect(new Set(results.map((r) => r.number)).size).toBe(20);
        expect(
          results
            .map((r) => r.number)
            .sort()
            .at(-1),
        ).toBe('2026-000020');
      } finally {
        await second.destroy();
      }
    },
  );

  it('stores a message once even when it is delivered twice', async () => {
    const w = await appealsWorld(ctx);
    const msg = inbound(w.email, { externalId: '<abc@mail.example>' });
    const first = await receive(ctx, msg);
    const again = await receive(ctx, msg);
    expect(again).toMatchObject({ duplicate: true, appealId: first.appealId, created: false });
    expect(await t.db.selectFrom('interactions').select('id').execute()).toHaveLength(1);
  });

  it('matches a client across channels by normalised e-mail and phone, and threads by number', async () => {
    const w = await appealsWorld(ctx);
    const a = await receive(
      ctx,
      inbound(w.email, { client: { email: 'Petrov@Mail.Example', phone: '8 (912) 345-67-89' } }),
    );
    const b = await receive(
      ctx,
      inbound(w.phone, { kind: 'call', client: { phone: '+7 912 345 67 89' } }),
    );
    const view = await appealView(ctx, w.member, b.number);
    expect(view.client.emails).toEqual(['petrov@mail.example']);
    expect(view.client.phones).toEqual(['+79123456789']);
    expect(view.history.map((h) => h.number).sort()).toEqual([a.number, b.number].sort());
    const reply = await receive(
      ctx,
      inbound(w.email, {
        subject: `Re: [${a.number}] Зачисление`,
        client: { email: 'petrov@mail.example' },
      }),
    );
    expect(reply).toMatchObject({ appealId: a.appealId, created: false });
  });

  it('moves status by the rules, and a client message reopens an answered appeal', async () => {
    const w = await appealsWorld(ctx);
    const op = w.member;
    const { appealId, number } = await receive(ctx, inbound(w.email));
    await expect(changeStatus(ctx, op, { appealId, status: 'answered' })).rejects.toMatchObject({
      message: 'appeals.badTransition',
    });
    await assign(ctx, op, { appealId, assigneeId: op.userId });
    expect((await appealView(ctx, op, number)).appeal.status).toBe('open');
    // The checklist gate refuses a reply without the survey link (seed 000 §3.4 и)…
    await expect(
      reply(ctx, op, {
        appealId,
        text: 'Мария Петровна, добрый день!\n\nНужны паспорт и свидетельство о рождении.',
      }),
    ).rejects.toMatchObject({ message: 'style.blocked' });
    expect((await appealView(ctx, op, number)).appeal.status).toBe('open');
    // …and lets a plain, complete one through.
    await reply(ctx, op, {
      appealId,
      text: await politeReply(ctx, appealId, 'Нужны паспорт и свидетельство о рождении.'),
    });
    expect((await appealView(ctx, op, number)).appeal).toMatchObject({ status: 'answered' });
    await receive(
      ctx,
      inbound(w.email, { appealNumber: number, text: 'Спасибо! А справка о прописке нужна?' }),
    );
    const view = await appealView(ctx, op, number);
    expect(view.appeal.status).toBe('open');
    expect(view.timeline.map((i) => `${i.direction}:${i.kind}`)).toEqual([
      'in:email',
      'system:assigned',
      'out:reply',
      'system:status',
      'in:email',
    ]);
    await changeStatus(ctx, op, { appealId, status: 'closed', reason: 'Вопрос решён' });
    expect((await appealView(ctx, op, number)).appeal.closedAt).not.toBeNull();
  });

  it('queues e-mail replies in a durable outbox and records delivery failures', async () => {
    const w = await appealsWorld(ctx);
    const op = w.member;
    const { appealId } = await receive(ctx, inbound(w.email));
    const { interactionId, queued } = await reply(ctx, op, {
      appealId,
      text: await politeReply(ctx, appealId, 'Документы можно подать через Госуслуги.'),
      files: [
        { name: 'памятка.pdf', contentType: 'application/pdf', content: new Uint8Array(2048) },
      ],
    });
    expect(queued).toBe(true);
    // A new connection (a restarted process) still sees the pending row.
    const now = ctx.clock.now().toISOString();
    const pending = await duePending(t.db, 'email', now);
    expect(pending.map((p) => p.interactionId)).toEqual([interactionId]);
    expect(await claim(t.db, pending[0]!.id, now)).toBe(true);
    expect(await claim(t.db, pending[0]!.id, now)).toBe(false);
    await markFailed(
      t.db,
      pending[0]!.id,
      '421 Service not available',
      new Date(Date.parse(now) + 60_000).toISOString(),
    );
    expect(await duePending(t.db, 'email', now)).toHaveLength(0);
    ctx.clock.advance(61_000);
    const retry = await duePending(t.db, 'email', ctx.clock.now().toISOString());
    expect(retry).toHaveLength(1);
    await markSent(t.db, retry[0]!.id, ctx.clock.now().toISOString());
    const item = (
      await appealView(
        ctx,
        op,
        (
          await appealView(
            ctx,
            op,
            (await t.db.selectFrom('appeals').select('number').executeTakeFirstOrThrow()).number,
          )
        ).appeal.number,
      )
    ).timeline.find((i) => i.id === interactionId);
    expect(item?.outbox?.status).toBe('sent');
    expect(item?.attachments).toEqual([
      expect.objectContaining({ name: 'памятка.pdf', size: 2048 }),
    ]);
    const file = await attachment(ctx, op, item!.attachments[0]!.id);
    expect(file.content.byteLength).toBe(2048);
    // A reply on a channel without delivery is kept in the timeline only.
    const call = await receive(ctx, inbound(w.phone, { kind: 'call' }));
    expect(
      (
        await reply(ctx, op, {
          appealId: call.appealId,
          text: await politeReply(ctx, call.appealId, 'Перезвонили и всё объяснили.'),
        })
      ).queued,
    ).toBe(false);
  });

  it('lets only a supervisor override a blocking finding, with a reason, and audits it', async () => {
    const w = await appealsWorld(ctx);
    const supervisor = await makeUser(ctx, ['supervisor', 'operator']);
    const { appealId } = await receive(ctx, inbound(w.email));
    const text = await politeReply(ctx, appealId, 'Скиньте, пожалуйста, скан заявы на почту.');
    const blocked = await reply(ctx, w.member, { appealId, text }).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ message: 'style.blocked' });
    const { result } = await gateReply(
      t.db,
      text,
      await replyCheckOptions(t.db, appealId),
      [],
    ).catch(() => ({ result: null }));
    expect(result).toBeNull();
    const checker = await serverChecker();
    const blocks = checker
      .check(text, await replyCheckOptions(t.db, appealId))
      .findings.filter((f) => f.severity === 'block');
    expect(blocks.length).toBeGreaterThan(0);
    const overrides = blocks.map((f) => ({
      rule: f.rule,
      start: f.start,
      end: f.end,
      reason: 'Клиент сам так назвал документ; уточним при звонке',
    }));
    await expect(reply(ctx, w.member, { appealId, text, overrides })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      reply(ctx, supervisor, {
        appealId,
        text,
        overrides: overrides.map((o) => ({ ...o, reason: ' ' })),
      }),
    ).rejects.toMatchObject({ message: 'style.blocked' });
    await reply(ctx, supervisor, { appealId, text, overrides });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'style.override')
      .execute();
    expect(audit).toHaveLength(blocks.length);
  });

  it('merges two clients and an admin undoes the merge exactly', async () => {
    const w = await appealsWorld(ctx);
    const admin = await makeUser(ctx, ['admin']);
    const a = await receive(
      ctx,
      inbound(w.email, {
        client: { surname: 'Сидоров', firstName: 'Олег', email: 'oleg@mail.example' },
      }),
    );
    const b = await receive(
      ctx,
      inbound(w.phone, { kind: 'call', client: { phone: '89001234567' } }),
    );
    const [ca, cb] = await Promise.all([
      appealView(ctx, w.member, a.number),
      appealView(ctx, w.member, b.number),
    ]);
    const mergeId = await mergeClients(ctx, w.member, {
      sourceId: cb.client.id,
      targetId: ca.client.id,
    });
    const merged = await appealView(ctx, w.member, b.number);
    expect(merged.client.id).toBe(ca.client.id);
    expect(merged.client.phones).toEqual(['+79001234567']);
    expect(merged.history).toHaveLength(2);
    // The next call from that phone lands with the merged client.
    const c = await receive(
      ctx,
      inbound(w.phone, { kind: 'call', client: { phone: '+79001234567' } }),
    );
    expect((await appealView(ctx, w.member, c.number)).client.id).toBe(ca.client.id);

    await expect(undoMerge(ctx, w.member, mergeId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await undoMerge(ctx, admin, mergeId);
    const back = await appealView(ctx, w.member, b.number);
    expect(back.client.id).toBe(cb.client.id);
    expect(back.client.phones).toEqual(['+79001234567']);
    await expect(undoMerge(ctx, admin, mergeId)).rejects.toMatchObject({
      message: 'clients.mergeUndone',
    });
    const actions = (await t.db.selectFrom('audit_log').select('action').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['client.merge', 'client.unmerge']));
  });

  it('serves the inbox queues with counts, filters, keyset pages and Russian word forms', async () => {
    const w = await appealsWorld(ctx);
    const op = w.member;
    for (let i = 0; i < 55; i++) {
      ctx.clock.advance(60_000);
      await receive(
        ctx,
        inbound(w.email, { subject: `Вопрос о пособии №${i}`, text: 'Когда придёт выплата?' }),
      );
    }
    const special = await receive(
      ctx,
      inbound(w.portal, {
        kind: 'webform',
        subject: 'Отказ в приёме заявления',
        text: 'Моё заявление на путёвку в лагерь не приняли.',
      }),
    );
    await assign(ctx, op, { appealId: special.appealId, assigneeId: op.userId });
    const unassigned = await queue(op, 'unassigned');
    expect(unassigned.counts).toMatchObject({ mine: 1, unassigned: 55, waiting: 0 });
    expect(unassigned.rows).toHaveLength(50);
    expect(unassigned.rows[0]!.subject).toBe('Вопрос о пособии №54');
    const page2 = await inbox(ctx, op, {
      queue: 'unassigned',
      filters: {},
      cursor: unassigned.next,
    });
    expect(page2.rows.map((r) => r.subject)).toEqual(
      Array.from({ length: 5 }, (_, i) => `Вопрос о пособии №${4 - i}`),
    );
    expect(page2.next).toBeNull();

    const found = await queue(op, 'all', 'заявлением');
    expect(found.rows.map((r) => r.number)).toEqual([special.number]);
    const byName = await queue(op, 'all', 'Иванова');
    expect(byName.rows).toHaveLength(50);
    expect(byName.next).not.toBeNull();
    expect((await queue(op, 'all', special.number)).rows.map((r) => r.number)).toEqual([
      special.number,
    ]);
    expect((await queue(op, 'all', '"; drop table appeals; --')).rows).toEqual([]);
    const byChannel = await inbox(ctx, op, {
      queue: 'all',
      filters: { channel: 'portal' },
      cursor: null,
    });
    expect(byChannel.rows.map((r) => r.number)).toEqual([special.number]);
    await addNote(ctx, op, {
      appealId: special.appealId,
      text: 'Позвонить в управление соцзащиты',
    });
    expect((await queue(op, 'all', 'соцзащиты')).rows.map((r) => r.number)).toEqual([
      special.number,
    ]);
  });

  it('lets an operator log a visit to the reception, and shows accessibility notes', async () => {
    const w = await appealsWorld(ctx);
    const op = w.member;
    await expect(
      logManual(ctx, op, {
        touchpointId: w.email,
        clientName: 'Кузнецов Пётр',
        segment: 'citizen',
        subject: 'Вопрос',
        text: 'Текст',
      }),
    ).rejects.toMatchObject({ message: 'appeals.notManualTouchpoint' });
    const logged = await logManual(ctx, op, {
      touchpointId: w.reception,
      clientName: 'Кузнецов Пётр Ильич',
      phone: '+7 (900) 111-22-33',
      segment: 'citizen',
      subject: 'Лицензия для частного детского сада',
      text: 'Пришёл на приём, принёс заявление на лицензию. Плохо слышит — говорить громче.',
      at: '2026-03-02T10:30:00+03:00',
    });
    const view = await appealView(ctx, op, logged.number);
    expect(view.appeal).toMatchObject({
      channel: 'in_person',
      assigneeId: op.userId,
      process: 'Лицензирование образовательной деятельности',
    });
    expect(view.timeline[0]).toMatchObject({
      direction: 'in',
      kind: 'manual',
      author: expect.any(String),
      at: '2026-03-02T07:30:00.000Z',
    });
    await updateClient(ctx, op, {
      id: view.client.id,
      surname: 'Кузнецов',
      firstName: 'Пётр',
      patronymic: 'Ильич',
      segment: 'citizen',
      accessibility: ['health'],
      accessibilityNote: 'Плохо слышит: говорить громче, дублировать письменно.',
    });
    const again = await queue(op, 'mine');
    expect(again.rows[0]).toMatchObject({ number: logged.number, accessibility: ['health'] });
  });
});
