import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedScripts } from '../../src/lib/server/calls/scripts.service';
import { resetEnv } from '../../src/lib/server/env';
import {
  compareVersions,
  templateDashboard,
  templateEditor,
  templateList,
} from '../../src/lib/server/templates/editor.service';
import { fillTemplate, pickerTemplates } from '../../src/lib/server/templates/picker.service';
import {
  confirmCurrent,
  createTemplate,
  moveTemplate,
  saveTemplate,
} from '../../src/lib/server/templates/templates.service';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const DAY = 86_400_000;

/** A reply that passes the checklist once filled in: greeting by name, plain words, survey link. */
const GOOD = [
  '{{client.firstNamePatronymic}}, здравствуйте!',
  'Ваше обращение № {{appeal.number}} от {{appeal.receivedDate}} получено. Мы рассмотрим его и ответим в срок.',
  'Оцените, пожалуйста, наш ответ: {{links.survey}}',
].join('\n\n');

async function world() {
  const w = await appealsWorld(ctx);
  const editor = await makeUser(ctx, ['editor'], { name: 'Орлова Марина Сергеевна' });
  const operator = await makeUser(ctx, ['operator'], {
    name: 'Смирнова Анна Викторовна',
    unitIds: [w.unitId],
  });
  const process = await t.db
    .selectFrom('processes')
    .select('id')
    .where('name', '=', 'Рассмотрение обращений граждан')
    .executeTakeFirstOrThrow();
  return { ...w, editor, operator, processId: process.id };
}

async function published(
  w: Awaited<ReturnType<typeof world>>,
  over: Record<string, unknown> = {},
): Promise<number> {
  const id = await createTemplate(ctx, w.editor, {
    kind: 'reply',
    title: 'Обращение получено',
    body: GOOD,
    ...over,
  });
  await moveTemplate(ctx, w.editor, id, 'submit');
  await moveTemplate(ctx, w.editor, id, 'publish');
  return id;
}

describe('lifecycle (issue 9: draft → review → published, every version kept)', () => {
  it('publishes through review and keeps the published text live while the next version is drafted', async () => {
    const w = await world();
    const id = await createTemplate(ctx, w.editor, {
      kind: 'reply',
      title: 'Обращение получено',
      body: GOOD,
      processIds: [w.processId],
      touchpointIds: [w.email],
      channels: ['email'],
      tags: ['регистрация'],
    });
    let view = await templateEditor(ctx, w.editor, id);
    expect(view).toMatchObject({
      status: 'draft',
      pending: null,
      transitions: ['submit', 'archive'],
    });
    await expect(moveTemplate(ctx, w.editor, id, 'publish')).rejects.toMatchObject({
      message: 'templates.cannotMove',
    });

    await moveTemplate(ctx, w.editor, id, 'submit');
    await moveTemplate(ctx, w.editor, id, 'publish');
    view = await templateEditor(ctx, w.editor, id);
    expect(view).toMatchObject({ status: 'published', liveVersion: 1, pending: null });

    const edited = GOOD.replace('ответим в срок', 'ответим не позже чем через 30 дней');
    const saved = await saveTemplate(ctx, w.editor, id, {
      title: 'Обращение получено',
      body: edited,
      processIds: [w.processId],
      touchpointIds: [w.email],
      channels: ['email'],
      tags: ['регистрация'],
      reviewBy: '2026-09-01',
    });
    expect(saved).toEqual({ version: 2, newVersion: true });
    view = await templateEditor(ctx, w.editor, id);
    expect(view).toMatchObject({ status: 'published', liveVersion: 1, pending: 'draft' });
    expect(view.head.body).toBe(edited);
    // Operators still get version 1 until version 2 is published.
    const appeal = await receive(ctx, inbound(w.email));
    const before = await fillTemplate(ctx, w.operator, {
      appealId: appeal.appealId,
      templateId: id,
    });
    expect(before.text).toContain('ответим в срок');

    await moveTemplate(ctx, w.editor, id, 'submit');
    expect((await templateEditor(ctx, w.editor, id)).pending).toBe('review');
    await moveTemplate(ctx, w.editor, id, 'publish');
    view = await templateEditor(ctx, w.editor, id);
    expect(view).toMatchObject({ status: 'published', liveVersion: 2, pending: null });
    expect(view.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    const after = await fillTemplate(ctx, w.operator, {
      appealId: appeal.appealId,
      templateId: id,
    });
    expect(after.text).toContain('не позже чем через 30 дней');

    const diff = await compareVersions(ctx, w.editor, id, 1, 2);
    expect(diff.body.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['removed', 'в срок.'],
      ['added', 'не позже чем через 30 дней.'],
    ]);

    await moveTemplate(ctx, w.editor, id, 'archive');
    await expect(
      fillTemplate(ctx, w.operator, { appealId: appeal.appealId, templateId: id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveTemplate(ctx, w.editor, id, { title: 'x', body: GOOD })).rejects.toMatchObject(
      { message: 'templates.archivedReadonly' },
    );
    await moveTemplate(ctx, w.editor, id, 'restore');
    expect((await templateEditor(ctx, w.editor, id)).status).toBe('draft');

    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'template')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'template.create',
      'template.submit',
      'template.publish',
      'template.save',
      'template.submit',
      'template.publish',
      'template.archive',
      'template.restore',
    ]);
  });

  it('saving the same text keeps the version; only editors manage templates', async () => {
    const w = await world();
    const id = await createTemplate(ctx, w.editor, { kind: 'reply', title: 'Т', body: GOOD });
    expect(await saveTemplate(ctx, w.editor, id, { title: 'Т', body: `${GOOD}\r\n` })).toEqual({
      version: 1,
      newVersion: false,
    });
    await expect(
      createTemplate(ctx, w.operator, { kind: 'reply', title: 'Т', body: GOOD }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(templateDashboard(ctx, w.operator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pickerTemplates(ctx, w.editor, { appealId: 1, q: '' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('a published call script reaches the call screen with its processes (seed 001 §3.2.5)', async () => {
    const w = await world();
    const id = await createTemplate(ctx, w.editor, {
      kind: 'script',
      title: 'Приём обращения по телефону',
      body: 'Здравствуйте! Министерство образования, меня зовут Анна. Как к вам обращаться?\n\nРасскажите, пожалуйста, что случилось.',
      processIds: [w.processId],
      channels: ['phone'],
    });
    expect(await publishedScripts(t.db)).toEqual([]);
    await moveTemplate(ctx, w.editor, id, 'submit');
    await moveTemplate(ctx, w.editor, id, 'publish');
    expect(await publishedScripts(t.db)).toEqual([
      expect.objectContaining({
        id,
        title: 'Приём обращения по телефону',
        processIds: [w.processId],
      }),
    ]);
  });
});

describe('publish gate (issue 9: fragment rules on the body, whole-reply rules on the result)', () => {
  it('refuses a reply without the survey link, then publishes it once the link is there', async () => {
    const w = await world();
    const body = GOOD.replace('\n\nОцените, пожалуйста, наш ответ: {{links.survey}}', '');
    const id = await createTemplate(ctx, w.editor, { kind: 'reply', title: 'Без опроса', body });
    await moveTemplate(ctx, w.editor, id, 'submit');
    await expect(moveTemplate(ctx, w.editor, id, 'publish')).rejects.toMatchObject({
      code: 'INVALID',
      message: 'templates.blocked',
      details: { count: 1 },
    });
    expect((await templateEditor(ctx, w.editor, id)).status).toBe('review');

    await saveTemplate(ctx, w.editor, id, { title: 'С опросом', body: GOOD });
    await moveTemplate(ctx, w.editor, id, 'publish');
    expect((await templateEditor(ctx, w.editor, id)).status).toBe('published');
  });

  it('refuses jargon and aggression in the body and a wrong name in the greeting', async () => {
    const w = await world();
    for (const [title, body] of [
      ['Жаргон', GOOD.replace('Мы рассмотрим', 'Чё, мы рассмотрим')],
      ['Грубость', GOOD.replace('Мы рассмотрим', 'Мы тупо рассмотрим')],
      ['Чужое имя', GOOD.replace('{{client.firstNamePatronymic}}', 'Пётр Петрович')],
    ] as const) {
      const id = await createTemplate(ctx, w.editor, { kind: 'reply', title, body });
      await moveTemplate(ctx, w.editor, id, 'submit');
      await expect(moveTemplate(ctx, w.editor, id, 'publish')).rejects.toMatchObject({
        message: 'templates.blocked',
      });
    }
  });
});

describe('variables (issue 9: an unknown variable is an error at save time)', () => {
  it('refuses unknown, empty and unclosed variables on create and save', async () => {
    const w = await world();
    await expect(
      createTemplate(ctx, w.editor, {
        kind: 'reply',
        title: 'Опечатка',
        body: '{{client.firstname}}, здравствуйте! {{}} и {{appeal.number',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID',
      message: 'templates.variables',
      details: { count: 3, names: '{{client.firstname}}, {{}}, {{appeal.number' },
    });
    const id = await createTemplate(ctx, w.editor, {
      kind: 'guide',
      title: 'Правила',
      body: 'Текст',
    });
    await expect(
      saveTemplate(ctx, w.editor, id, { title: 'Правила', body: 'Пишите {{operator.phone}}' }),
    ).rejects.toMatchObject({ message: 'templates.variables' });
    expect((await templateEditor(ctx, w.editor, id)).versions).toHaveLength(1);
  });

  it('fills every variable from the appeal and the operator, and marks what the appeal lacks', async () => {
    const w = await world();
    await t.db
      .updateTable('users')
      .set({ position: 'Консультант отдела по работе с обращениями граждан' })
      .where('id', '=', w.operator.userId)
      .execute();
    const id = await published(w, {
      body: `${GOOD}\n\nОтвет подготовила {{operator.name}}, {{operator.position}}. {{client.fullName}}, срок ответа: {{appeal.answerDue}}. Статус: {{links.tracking}}`,
    });
    const appeal = await receive(ctx, inbound(w.email));
    const { number } = await t.db
      .selectFrom('appeals')
      .select('number')
      .where('id', '=', appeal.appealId)
      .executeTakeFirstOrThrow();
    const filled = await fillTemplate(ctx, w.operator, {
      appealId: appeal.appealId,
      templateId: id,
    });
    expect(filled.text).toMatch(/^Мария Петровна, здравствуйте!\n\nВаше обращение № /);
    expect(filled.text).toContain(`№ ${number} от 2 марта 2026 г. получено`);
    expect(filled.text).toContain(
      'Ответ подготовила Смирнова Анна Викторовна, консультант отдела по работе с обращениями граждан.',
    );
    expect(filled.text).toContain('Иванова Мария Петровна, срок ответа: [срок ответа].');
    expect(filled.text).toMatch(/наш ответ: http:\/\/\S+\/s\/[\w-]{20,}/);
    expect(filled.text).toMatch(/Статус: http:\/\/\S+\/t\/[\w-]{20,}$/);
    expect(filled.missing).toEqual(['appeal.answerDue']);
  });
});

describe('staleness (seed 000 §3.4 з: «своевременно актуализироваться»)', () => {
  it('flags templates past their review date on the dashboard and in the picker until confirmed', async () => {
    const w = await world();
    const id = await published(w, { reviewBy: '2026-03-10' });
    const appeal = await receive(ctx, inbound(w.email));
    let dash = await templateDashboard(ctx, w.editor);
    expect(dash.stale).toEqual([]);
    expect(dash.due.map((d) => d.id)).toEqual([id]);

    ctx.clock.advance(30 * DAY);
    dash = await templateDashboard(ctx, w.editor);
    expect(dash.stale.map((d) => [d.id, d.freshness])).toEqual([[id, 'stale']]);
    expect(dash.counts.stale).toBe(1);
    const pick = await pickerTemplates(ctx, w.operator, { appealId: appeal.appealId, q: '' });
    expect(pick.templates.find((p) => p.id === id)?.freshness).toBe('stale');
    expect((await templateList(ctx, w.editor, { status: 'stale' })).map((r) => r.id)).toEqual([id]);

    const next = await confirmCurrent(ctx, w.editor, id);
    expect(next).toBe('2026-09-30');
    dash = await templateDashboard(ctx, w.editor);
    expect(dash.stale).toEqual([]);
  });
});

describe('usage (issue 9: counts per template and touchpoint, unused in 90 days)', () => {
  it('counts inserts per template and touchpoint and lists what was not used in 90 days', async () => {
    const w = await world();
    const used = await published(w, { title: 'Зачисление в школу', touchpointIds: [w.email] });
    const idle = await published(w, { title: 'Лицензия', tags: ['лицензирование'] });
    const appeal = await receive(ctx, inbound(w.email));
    await fillTemplate(ctx, w.operator, { appealId: appeal.appealId, templateId: used });
    await fillTemplate(ctx, w.operator, { appealId: appeal.appealId, templateId: used });

    let dash = await templateDashboard(ctx, w.editor);
    expect(dash.unused.map((u) => u.id)).toEqual([idle]);
    expect(dash.popular.map((p) => [p.id, p.usage.recent])).toEqual([[used, 2]]);
    expect(dash.byTouchpoint).toEqual([
      expect.objectContaining({ touchpointId: w.email, uses: 2, templates: 1 }),
    ]);
    const view = await templateEditor(ctx, w.editor, used);
    expect(view.usage).toMatchObject({ total: 2, recent: 2 });

    ctx.clock.advance(91 * DAY);
    dash = await templateDashboard(ctx, w.editor);
    expect(dash.unused.map((u) => u.id).sort()).toEqual([used, idle].sort());
    expect((await templateEditor(ctx, w.editor, used)).usage).toMatchObject({
      total: 2,
      recent: 0,
    });
  });
});

describe('picker (issue 9: word forms, the appeal’s touchpoint and process first)', () => {
  it('finds by word forms and ranks the touchpoint’s and process’s templates first', async () => {
    const w = await world();
    const general = await published(w, { title: 'Зачисление в первый класс: общие правила' });
    const forProcess = await published(w, {
      title: 'Зачислением занимается школа',
      processIds: [w.processId],
    });
    const forTouchpoint = await published(w, {
      title: 'Зачисления по почте',
      touchpointIds: [w.email],
    });
    await published(w, { title: 'Лицензия на образовательную деятельность' });
    const guide = await createTemplate(ctx, w.editor, {
      kind: 'guide',
      title: 'Нетиповые вопросы о зачислении',
      body: 'Уточните класс и школу. Не обещайте место.',
    });
    await moveTemplate(ctx, w.editor, guide, 'submit');
    await moveTemplate(ctx, w.editor, guide, 'publish');
    const appeal = await receive(ctx, inbound(w.email));

    const found = await pickerTemplates(ctx, w.operator, {
      appealId: appeal.appealId,
      q: 'зачислении',
    });
    expect(found.templates.map((f) => f.id)).toEqual([forTouchpoint, forProcess, general]);
    expect(found.templates[0]).toMatchObject({ forTouchpoint: true, forProcess: false });
    expect(found.templates[1]).toMatchObject({ forTouchpoint: false, forProcess: true });
    expect(found.guides.map((g) => g.id)).toEqual([guide]);

    const all = await pickerTemplates(ctx, w.operator, { appealId: appeal.appealId, q: '' });
    expect(all.templates).toHaveLength(4);
    expect(all.templates[0]!.id).toBe(forTouchpoint);
    const none = await pickerTemplates(ctx, w.operator, {
      appealId: appeal.appealId,
      q: 'стадион',
    });
    expect(none.templates).toEqual([]);
  });
});
