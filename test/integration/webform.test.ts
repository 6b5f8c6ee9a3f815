import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, changeStatus, reply } from '../../src/lib/server/appeals/work.service';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { defaultFields } from '../../src/lib/domain/webforms/fields';
import { readFiles, readSubmission } from '../../src/lib/server/webforms/form-data';
import { saveWebform } from '../../src/lib/server/webforms/settings.service';
import { submitWebform, type Submission } from '../../src/lib/server/webforms/submit.service';
import { addTrackingMessage, trackingView } from '../../src/lib/server/webforms/tracking.service';
import { appealsWorld, politeReply } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
let touchpointId: number;
let processIds: number[];

beforeEach(async () => {
  t = await createTestDb();
  resetEnv({ ...t.env, OTKLIK_WEBFORM_RATE_PER_HOUR: '3', OTKLIK_WEBFORM_FILE_MAX_MB: '1' });
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
  await appealsWorld(ctx);
  const now = ctx.clock.now().toISOString();
  ({ id: touchpointId } = await ctx.db
    .insertInto('touchpoints')
    .values({
      name: 'Веб-форма обращений на официальном сайте',
      mode: 'online',
      channel: 'webform',
      address: 'https://minobr.example.ru/obrashcheniya',
      description: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow());
  const processes = await ctx.db.selectFrom('processes').select('id').orderBy('id').execute();
  processIds = processes.slice(0, 2).map((p) => p.id);
  for (const processId of processIds) {
    await ctx.db
      .insertInto('registry_rows')
      .values({
        process_id: processId,
        touchpoint_id: touchpointId,
        needs: '["submit"]',
        needs_other: null,
        specifics: null,
        updated_at: now,
      })
      .execute();
  }
  await saveWebform(ctx, SYSTEM, {
    touchpointId,
    slug: 'obrashcheniya',
    active: true,
    fields: defaultFields(),
    intro: '',
    thanks: '',
    processIds,
    embedOrigins: 'https://minobr.example.ru',
    policyUrl: 'https://minobr.example.ru/pd',
  });
});
afterEach(async () => {
  resetEnv({ OTKLIK_WEBFORM_RATE_PER_HOUR: undefined, OTKLIK_WEBFORM_FILE_MAX_MB: undefined });
  await t?.drop();
});

let seq = 0;
function submission(over: Partial<Submission> = {}): Submission {
  seq++;
  return {
    slug: 'obrashcheniya',
    values: {
      surname: 'Петрова',
      firstName: 'Анна',
      patronymic: 'Викторовна',
      email: `petrova${seq}@mail.example`,
      phone: '',
      subject: 'Зачисление в первый класс',
      text: 'Здравствуйте! Школа отказывает в зачислении из-за временной регистрации.',
    },
    consent: true,
    honeypot: '',
    files: [],
    address: `198.51.100.${seq}`,
    language: 'ru',
    ...over,
  };
}

const appealCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('appeals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('web form (seed 000 §3.4, seed 001 §3.2.4)', () => {
  it('takes a plain JavaScript-less POST: fields, consent and a file become an appeal once', async () => {
    const form = new FormData();
    form.set('surname', 'Smith');
    form.set('firstName', 'John');
    form.set('email', 'John.Smith@Mail.Example');
    form.set('subject', 'School enrolment');
    form.set('text', 'Hello,\r\nmy son needs a school place.');
    form.set('consent', 'yes');
    form.set('lang', 'en');
    form.set('website', '');
    form.set('submissionId', 'abcdefghijklmnopqrstuvwx');
    form.set('processId', String(processIds[1]));
    form.append(
      'attachments',
      new File(['%PDF-1.4 test'], 'passport.pdf', { type: 'application/pdf' }),
    );
    const raw = readSubmission(form, 'obrashcheniya', '203.0.113.7');
    const input = { ...raw, files: await readFiles(raw.files) };
    const result = await submitWebform(ctx, input);
    expect(result).toMatchObject({ ok: true, created: true, number: '2026-000001' });
    if (!result.ok) throw new Error('refused');
    expect(result.token).toMatch(/^[\w-]{22,}$/);

    const appeal = await ctx.db
      .selectFrom('appeals')
      .selectAll()
      .where('number', '=', result.number)
      .executeTakeFirstOrThrow();
    expect(appeal).toMatchObject({
      channel: 'webform',
      language: 'en',
      touchpoint_id: touchpointId,
      process_id: processIds[1],
      subject: 'School enrolment',
    });
    const interaction = await ctx.db
      .selectFrom('interactions')
      .selectAll()
      .where('appeal_id', '=', appeal.id)
      .executeTakeFirstOrThrow();
    expect(interaction).toMatchObject({ kind: 'webform', direction: 'in' });
    expect(interaction.text).toBe('Hello,\nmy son needs a school place.');
    const files = await ctx.db.selectFrom('attachments').selectAll().execute();
    expect(files).toMatchObject([{ name: 'passport.pdf', size: 13 }]);
    expect(ctx.events.map((e) => e.name)).toContain('appeal.created');

    // The same form posted twice (a double click, a reload) stays one appeal.
    const again = await submitWebform(ctx, input);
    expect(again).toMatchObject({ ok: true, created: false, number: result.number });
    expect(await appealCount()).toBe(1);
  });

  it('refuses a filled honeypot and creates nothing', async () => {
    const result = await submitWebform(ctx, submission({ honeypot: 'https://spam.example' }));
    expect(result).toEqual({ ok: false, errors: { form: 'webform.error.honeypot' } });
    expect(await appealCount()).toBe(0);
  });

  it('says which field is wrong: no contact, no consent, text too long', async () => {
    const s = submission({ consent: false });
    s.values.email = '';
    s.values.text = 'х'.repeat(10_001);
    const result = await submitWebform(ctx, s);
    expect(result).toEqual({
      ok: false,
      errors: {
        email: 'webform.error.contact',
        phone: 'webform.error.contact',
        consent: 'webform.error.consent',
        text: 'webform.error.textTooLong',
      },
    });
    expect(await appealCount()).toBe(0);
  });

  it('refuses an oversize file and a file type not allowed', async () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    const tooBig = await submitWebform(
      ctx,
      submission({ files: [{ name: 'scan.pdf', type: 'application/pdf', bytes: big }] }),
    );
    expect(tooBig).toEqual({ ok: false, errors: { attachments: 'webform.error.fileTooLarge' } });
    const exe = await submitWebform(
      ctx,
      submission({ files: [{ name: 'setup.exe', type: '', bytes: new Uint8Array(10) }] }),
    );
    expect(exe).toEqual({ ok: false, errors: { attachments: 'webform.error.fileType' } });
    expect(await appealCount()).toBe(0);
    expect(await ctx.db.selectFrom('attachments').selectAll().execute()).toEqual([]);
  });

  it('limits accepted submissions per address per hour', async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < 3; i++) {
      expect(await submitWebform(ctx, submission({ address }))).toMatchObject({ ok: true });
    }
    expect(await submitWebform(ctx, submission({ address }))).toEqual({
      ok: false,
      errors: { form: 'webform.error.rateLimited' },
    });
    expect(await submitWebform(ctx, submission({ address: '192.0.2.11' }))).toMatchObject({
      ok: true,
    });
    ctx.clock.advance(3_600_001);
    expect(await submitWebform(ctx, submission({ address }))).toMatchObject({ ok: true });
    expect(await appealCount()).toBe(5);
  });

  it('shows the client status, what they sent and replies sent — never notes or system items', async () => {
    const op = await makeUser(ctx, ['operator']);
    const email = 'kozlova@mail.example';
    const first = await submitWebform(
      ctx,
      submission({ values: { ...submission().values, email } }),
    );
    const second = await submitWebform(
      ctx,
      submission({ values: { ...submission().values, email, subject: 'Справка об обучении' } }),
    );
    if (!first.ok || !second.ok) throw new Error('refused');
    const appealId = (
      await ctx.db
        .selectFrom('appeals')
        .select('id')
        .where('number', '=', first.number)
        .executeTakeFirstOrThrow()
    ).id;
    await addNote(ctx, op, { appealId, text: 'Внутреннее: уточнить у директора школы.' });
    await changeStatus(ctx, op, { appealId, status: 'open' });
    await reply(ctx, op, {
      appealId,
      text: await politeReply(ctx, appealId, 'Школа обязана принять заявление.'),
    });

    const view = await trackingView(ctx, first.token);
    expect(view).toMatchObject({ number: first.number, status: 'answered', open: true });
    expect(view.items.map((i) => i.direction)).toEqual(['in', 'out']);
    expect(view.items[1]!.text).toContain('Школа обязана принять заявление.');
    expect(JSON.stringify(view)).not.toContain('Внутреннее');
    expect(view.family.map((a) => a.number)).toEqual([second.number]);
    const reply_ = await ctx.db
      .selectFrom('outbox')
      .select(['status', 'channel'])
      .executeTakeFirstOrThrow();
    expect(reply_).toEqual({ status: 'sent', channel: 'webform' });

    // The client adds a message: the same appeal, reopened.
    const added = await addTrackingMessage(ctx, {
      token: first.token,
      text: 'Спасибо! А если откажут письменно?',
      address: '203.0.113.50',
      language: 'ru',
    });
    expect(added).toEqual({ ok: true, number: first.number });
    const after = await trackingView(ctx, first.token);
    expect(after.status).toBe('open');
    expect(after.items.map((i) => i.direction)).toEqual(['in', 'out', 'in']);

    await changeStatus(ctx, op, { appealId, status: 'closed' });
    expect(
      await addTrackingMessage(ctx, {
        token: first.token,
        text: 'Ещё вопрос',
        address: '203.0.113.50',
        language: 'ru',
      }),
    ).toEqual({ ok: false, error: 'webform.track.closed' });

    await expect(trackingView(ctx, 'A'.repeat(22))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(trackingView(ctx, '../etc')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
