import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealView, attachment } from '../../src/lib/server/appeals/view.service';
import {
  assign,
  changeStatus,
  reply,
  setPriority,
} from '../../src/lib/server/appeals/work.service';
import { setTopic } from '../../src/lib/server/classify/classify.service';
import { updateClient } from '../../src/lib/server/clients/clients.service';
import { mergeClients } from '../../src/lib/server/clients/merge.service';
import { extendDeadline, setDisposition } from '../../src/lib/server/deadlines/actions.service';
import { resetEnv } from '../../src/lib/server/env';
import { putAttachment } from '../../src/lib/server/files/attachment-store';
import { letterPdf } from '../../src/lib/server/letterhead/letter.service';
import { viewersOf as presentOn } from '../../src/lib/server/realtime/presence.queries';
import { fillTemplate, pickerTemplates } from '../../src/lib/server/templates/picker.service';
import { updateUserAccess } from '../../src/lib/server/users/users.service';
import { createTemplate, moveTemplate } from '../../src/lib/server/templates/templates.service';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { realtimeNodes } from '../support/realtime';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUnit, makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
let c: Awaited<ReturnType<typeof contactCentre>>;

beforeAll(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db);
  c = await contactCentre();
});
afterAll(async () => {
  resetEnv();
  await t.drop();
});

const GOOD = [
  '{{client.firstNamePatronymic}}, здравствуйте!',
  'Ваше обращение № {{appeal.number}} получено. Мы рассмотрим его и ответим в срок.',
  'Оцените, пожалуйста, наш ответ: {{links.survey}}',
].join('\n\n');

/** Units X and Y with an operator each, everyone else, an appeal of Y with a file and its own client. */
async function contactCentre() {
  const world = await appealsWorld(ctx);
  const unitX = await makeUnit(ctx, 'Отдел приёма граждан');
  const unitY = await makeUnit(ctx, 'Отдел образования');
  const opX = await makeUser(ctx, ['operator'], { unitIds: [unitX], name: 'Иксова Ольга' });
  const opY = await makeUser(ctx, ['operator'], { unitIds: [unitY], name: 'Игрекова Юлия' });
  const sup = await makeUser(ctx, ['supervisor', 'operator'], { name: 'Старшова Вера' });
  const editor = await makeUser(ctx, ['editor'], { unitIds: [unitY], name: 'Редакторова Нина' });
  const maintainer = await makeUser(ctx, ['maintainer'], {
    unitIds: [unitY],
    name: 'Перечнев Олег',
  });
  const admin = await makeUser(ctx, ['admin'], { unitIds: [unitY], name: 'Админова Ада' });
  const bytes = new TextEncoder().encode('Скан заявления Игрековой');
  const sha = await putAttachment(bytes);
  const make = async (unitId: number | null, assigneeId: number | null, over = {}) => {
    const a = await receive(ctx, inbound(world.email, over));
    await assign(ctx, sup, { appealId: a.appealId, unitId, assigneeId });
    const row = await t.db
      .selectFrom('appeals')
      .select('client_id')
      .where('id', '=', a.appealId)
      .executeTakeFirstOrThrow();
    return { ...a, clientId: row.client_id };
  };
  const inY = await make(unitY, opY.userId, {
    attachments: [
      { name: 'заявление.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha },
    ],
  });
  const file = await t.db
    .selectFrom('attachments as f')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .select('f.id')
    .where('i.appeal_id', '=', inY.appealId)
    .executeTakeFirstOrThrow();
  const templateId = await createTemplate(ctx, editor, {
    kind: 'reply',
    title: 'Обращение получено',
    body: GOOD,
  });
  await moveTemplate(ctx, editor, templateId, 'submit');
  await moveTemplate(ctx, editor, templateId, 'publish');
  return {
    world,
    unitX,
    unitY,
    opX,
    opY,
    sup,
    editor,
    maintainer,
    admin,
    inX: await make(unitX, null),
    inY,
    pool: await make(null, null),
    yHeldByX: await make(unitY, opX.userId),
    fileId: file.id,
    templateId,
  };
}

/** Everything an act on appeal inY or its client could change. */
async function footprint() {
  const count = async (
    table:
      'audit_log' | 'interactions' | 'classify_signals' | 'template_usage' | 'outgoing_letters',
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    appeals: await t.db.selectFrom('appeals').selectAll().orderBy('id').execute(),
    clients: await t.db.selectFrom('clients').selectAll().orderBy('id').execute(),
    contacts: await t.db.selectFrom('client_contacts').selectAll().orderBy('id').execute(),
    deadlines: await t.db.selectFrom('appeal_deadlines').selectAll().orderBy('appeal_id').execute(),
    audit: await count('audit_log'),
    interactions: await count('interactions'),
    signals: await count('classify_signals'),
    usage: await count('template_usage'),
    letters: await count('outgoing_letters'),
  };
}

describe('another unit’s appeal, through every service a transport calls', () => {
  it('is not found for the other unit’s operator, whatever they try, and nothing changes', async () => {
    const { opX, inY } = c;
    const appealId = inY.appealId;
    const processId = (await t.db.selectFrom('processes').select('id').executeTakeFirstOrThrow())
      .id;
    const attempts: Record<string, () => Promise<unknown>> = {
      attachment: () => attachment(ctx, opX, c.fileId),
      reply: async () =>
        reply(ctx, opX, { appealId, text: await politeReply(ctx, appealId, 'Ответ по существу.') }),
      // The checklist's findings would describe another unit's appeal: refused before it runs.
      replyFailingChecklist: () => reply(ctx, opX, { appealId, text: 'ок' }),
      assignToMe: () => assign(ctx, opX, { appealId, assigneeId: opX.userId, reason: null }),
      moveToMyUnit: () => assign(ctx, opX, { appealId, assigneeId: null, unitId: c.unitX }),
      status: () => changeStatus(ctx, opX, { appealId, status: 'closed', reason: 'Закрыто' }),
      priority: () => setPriority(ctx, opX, { appealId, priority: 'high' }),
      topic: () => setTopic(ctx, opX, { appealId, processId }),
      disposition: () =>
        setDisposition(ctx, opX, { appealId, disposition: 'forwarded', forwardedTo: 'Минтруд' }),
      picker: () => pickerTemplates(ctx, opX, { appealId, q: '' }),
      fill: () => fillTemplate(ctx, opX, { appealId, templateId: c.templateId }),
      letterDraft: () => letterPdf(ctx, opX, { appealId, text: 'Проект ответа.', draft: true }),
      letter: () => letterPdf(ctx, opX, { appealId, text: 'Ответ.' }),
      client: () =>
        updateClient(ctx, opX, {
          id: inY.clientId,
          surname: 'Подменова',
          segment: 'citizen',
          accessibility: [],
          addEmail: 'perehvat@mail.example',
        }),
      mergeIntoMine: () =>
        mergeClients(ctx, opX, { sourceId: inY.clientId, targetId: c.inX.clientId }),
      mergeMineIntoIt: () =>
        mergeClients(ctx, opX, { sourceId: c.inX.clientId, targetId: inY.clientId }),
    };
    const before = await footprint();
    const outcomes: Record<string, string> = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      outcomes[name] = await attempt().then(
        () => 'done',
        (err: Error) => err.message,
      );
    }
    expect(outcomes).toEqual(
      Object.fromEntries(Object.keys(attempts).map((k) => [k, 'errors.notFound'])),
    );
    expect(await footprint()).toEqual(before);
  });

  it('the same reads pass for the appeal’s own unit and for supervisors', async () => {
    for (const who of [c.opY, c.sup]) {
      const file = await attachment(ctx, who, c.fileId);
      expect(file.name).toBe('заявление.pdf');
      const picked = await pickerTemplates(ctx, who, { appealId: c.inY.appealId, q: '' });
      expect(picked.templates.map((p) => p.id)).toContain(c.templateId);
      const draft = await letterPdf(ctx, who, {
        appealId: c.inY.appealId,
        text: 'Проект ответа.',
        draft: true,
      });
      expect(draft.bytes.length).toBeGreaterThan(0);
    }
  });

  it('an operator still works on what is given to them personally in another unit', async () => {
    const file = await pickerTemplates(ctx, c.opX, { appealId: c.yHeldByX.appealId, q: '' });
    expect(file.templates.length).toBeGreaterThan(0);
    await setPriority(ctx, c.opX, { appealId: c.yHeldByX.appealId, priority: 'high' });
  });

  it('only a supervisor extends a deadline; an operator of another unit gets no further than the role', async () => {
    await expect(
      extendDeadline(ctx, c.opX, { appealId: c.inY.appealId, days: 5, reason: 'Запрос' }),
    ).rejects.toThrow('errors.forbidden');
  });
});

describe('a client who wrote to two units', () => {
  it('is shown whole in the history; the other unit’s appeal is named with its unit, not opened', async () => {
    const from = { client: { surname: 'Двоева', firstName: 'Дина', email: 'dvoeva@mail.example' } };
    const make = async (unitId: number) => {
      const a = await receive(ctx, inbound(c.world.email, from));
      await assign(ctx, c.sup, { appealId: a.appealId, unitId, assigneeId: null });
      return a.number;
    };
    const inX = await make(c.unitX);
    const inY = await make(c.unitY);
    const history = async (u: typeof c.opX, number: string) =>
      (await appealView(ctx, u, number)).history
        .map((h) => ({ number: h.number, open: h.open, unit: h.unit }))
        .sort((a, b) => a.number.localeCompare(b.number));

    expect(await history(c.opX, inX)).toEqual([
      { number: inX, open: true, unit: 'Отдел приёма граждан' },
      { number: inY, open: false, unit: 'Отдел образования' },
    ]);
    await expect(appealView(ctx, c.opX, inY)).rejects.toThrow('errors.notFound');
    expect((await history(c.sup, inY)).map((h) => h.open)).toEqual([true, true]);
  });
});

describe('socket rooms of an appeal', () => {
  const live = realtimeNodes();
  let url: string;

  beforeAll(async () => {
    url = await live.start(ctx);
  });
  afterAll(() => live.closeAll());

  type Viewers = { appealId: number; viewers: { name: string }[] };
  /** The viewers of `appealId` this socket is told about within `ms`, or null if it is told nothing. */
  const viewersOf = (socket: Socket, appealId: number, ms: number) =>
    new Promise<string[] | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), ms);
      socket.on('viewers', (v: Viewers) => {
        if (v.appealId !== appealId) return;
        clearTimeout(timer);
        resolve(v.viewers.map((w) => w.name).sort());
      });
    });

  it('lets in only those who may see the appeal, for every role; the others are not counted as viewers', async () => {
    const everyone = {
      opX: c.opX,
      opY: c.opY,
      sup: c.sup,
      editor: c.editor,
      maintainer: c.maintainer,
      admin: c.admin,
    };
    const nameById = new Map(
      (await t.db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
    );
    const socks = Object.fromEntries(
      await Promise.all(
        Object.entries(everyone).map(
          async ([k, u]) => [k, await live.connectAs(url, ctx, u.email)] as const,
        ),
      ),
    );
    const cases: { appealId: number; allowed: string[] }[] = [
      { appealId: c.inY.appealId, allowed: ['opY', 'sup'] },
      { appealId: c.pool.appealId, allowed: ['opX', 'opY', 'sup'] },
      { appealId: c.yHeldByX.appealId, allowed: ['opX', 'opY', 'sup'] },
    ];
    for (const { appealId, allowed } of cases) {
      // The allowed ones open first; then the refused ones try, so any leak would reach a viewer.
      const first = Object.fromEntries(
        allowed.map((k) => [k, viewersOf(socks[k]!, appealId, 3000)] as const),
      );
      for (const k of allowed) socks[k]!.emit('appeal.open', appealId);
      for (const k of allowed) expect(await first[k], `${k} opens ${appealId}`).not.toBeNull();
      const refused = Object.keys(everyone).filter((k) => !allowed.includes(k));
      const told = Object.fromEntries(
        refused.map((k) => [k, viewersOf(socks[k]!, appealId, 700)] as const),
      );
      for (const k of refused) {
        socks[k]!.emit('appeal.open', appealId);
        socks[k]!.emit('appeal.typing');
      }
      for (const k of refused) expect(await told[k], `${k} opens ${appealId}`).toBeNull();
      const present = await presentOn(t.db, appealId, ctx.clock.now().getTime());
      expect(present.map((v) => v.name).sort()).toEqual(
        allowed.map((k) => nameById.get(everyone[k as keyof typeof everyone].userId)).sort(),
      );
      for (const k of allowed) socks[k]!.emit('appeal.close');
    }
  });

  it('a change of units reaches open connections: the unit taken away is closed to them at once', async () => {
    const open = await live.connectAs(url, ctx, c.opY.email);
    const before = viewersOf(open, c.yHeldByX.appealId, 3000);
    open.emit('appeal.open', c.yHeldByX.appealId);
    expect(await before).not.toBeNull();
    open.emit('appeal.close');

    const dropped = new Promise<string>((resolve) => open.once('disconnect', resolve));
    await updateUserAccess(ctx, c.admin, {
      userId: c.opY.userId,
      roles: ['operator'],
      unitIds: [c.unitX],
      active: true,
    });
    expect(await dropped).toBe('io server disconnect');

    // Connected again (the console does so by itself), the tab has the rooms of unit X only.
    const again = await live.connectAs(url, ctx, c.opY.email);
    const told = viewersOf(again, c.yHeldByX.appealId, 700);
    again.emit('appeal.open', c.yHeldByX.appealId);
    expect(await told).toBeNull();
  });
});
