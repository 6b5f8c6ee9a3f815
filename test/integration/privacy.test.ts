import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANON_NAME, ANON_TEXT } from '../../src/lib/domain/privacy/retention';
import { changeStatus } from '../../src/lib/server/appeals/work.service';
import { appealView, attachment } from '../../src/lib/server/appeals/view.service';
import { COMMANDS } from '../../src/lib/server/cli/commands';
import type { CliIo } from '../../src/lib/server/cli/command';
import { runCli } from '../../src/lib/server/cli/run';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { DomainError } from '../../src/lib/server/errors';
import { putAttachment } from '../../src/lib/server/files/attachment-store';
import { listClientAccess } from '../../src/lib/server/privacy/access-log.queries';
import { exportClientData } from '../../src/lib/server/privacy/export.service';
import { runRetention } from '../../src/lib/server/privacy/retention.service';
import { privacySettings, saveRetentionYears } from '../../src/lib/server/privacy/settings.service';
import { matchAppealIds } from '../../src/lib/server/search/appeal-search';
import { dropSingleton, singletonExists } from '../../src/lib/server/singleton';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

const YEAR = 365.25 * 24 * 3600 * 1000;
let t: TestDb;
let ctx: TestContext;
let email: number;

beforeAll(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('db');
  // The story starts in 2019; the clock is moved to 2026 before retention runs.
  ctx = testContext(t.db, '2019-04-01T09:00:00.000Z');
  ({ email } = await appealsWorld(ctx));
});

afterAll(async () => {
  if (singletonExists('db')) {
    const { appDb } = await import('../../src/lib/server/db');
    await appDb().destroy();
    dropSingleton('db');
  }
  await t.drop();
});

async function cli(argv: string[]) {
  dropSingleton('db');
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => '',
  };
  const code = await runCli(argv, COMMANDS, io);
  return { code, out, err };
}

const fileOnDisk = (sha: string) =>
  path.join(t.env.OTKLIK_DATA!, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);

/** What the metrics read: appeals by touchpoint, process, channel, status and month, with timings. */
async function metricShape() {
  const appeals = await t.db
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'touchpoint_id',
      'process_id',
      'channel',
      'status',
      'priority',
      'unit_id',
      'created_at',
      'first_response_at',
      'answered_at',
      'closed_at',
    ])
    .orderBy('id')
    .execute();
  const interactions = await t.db
    .selectFrom('interactions')
    .select(['id', 'appeal_id', 'direction', 'kind', 'at', 'touchpoint_id', 'author_id'])
    .orderBy('id')
    .execute();
  return createHash('sha256')
    .update(JSON.stringify([appeals, interactions]))
    .digest('hex');
}

describe('personal data (152-FZ)', () => {
  let old: { appealId: number; clientId: number; sha: string };
  let mixedOld: number;
  let mixedNew: number;
  let mixedClient: number;
  let recentClosed: number;

  it('anonymises what is past retention, keeps what metrics need, deletes the files, and repeats as a no-op', async () => {
    const bytes = new TextEncoder().encode('Скан паспорта Петрова Ивана Сергеевича');
    const sha = await putAttachment(bytes);
    const a = await receive(
      ctx,
      inbound(email, {
        client: {
          surname: 'Петров',
          firstName: 'Иван',
          email: 'petrov.old@mail.example',
          phone: '+79120000001',
        },
        subject: 'Выдача дубликата аттестата',
        text: 'Прошу выдать дубликат аттестата, паспорт 4510 123456 прилагаю.',
        attachments: [
          {
            name: 'паспорт-петров.pdf',
            contentType: 'application/pdf',
            size: bytes.length,
            sha256: sha,
          },
        ],
      }),
    );
    await changeStatus(ctx, SYSTEM, { appealId: a.appealId, status: 'closed' });
    const clientId = (
      await t.db
        .selectFrom('appeals')
        .select('client_id')
        .where('id', '=', a.appealId)
        .executeTakeFirstOrThrow()
    ).client_id;
    old = { appealId: a.appealId, clientId, sha };

    const m1 = await receive(
      ctx,
      inbound(email, {
        client: { surname: 'Сидорова', firstName: 'Анна', email: 'sidorova@mail.example' },
        subject: 'Компенсация за питание',
        text: 'Сидорова Анна, многодетная семья, прошу компенсацию.',
      }),
    );
    await changeStatus(ctx, SYSTEM, { appealId: m1.appealId, status: 'closed' });
    mixedOld = m1.appealId;

    ctx.clock.advance(6.5 * YEAR); // late 2025
    const m2 = await receive(
      ctx,
      inbound(email, {
        client: { surname: 'Сидорова', firstName: 'Анна', email: 'sidorova@mail.example' },
        subject: 'Снова о компенсации',
        text: 'Повторно прошу рассмотреть компенсацию.',
      }),
    );
    mixedNew = m2.appealId;
    mixedClient = (
      await t.db
        .selectFrom('appeals')
        .select('client_id')
        .where('id', '=', mixedNew)
        .executeTakeFirstOrThrow()
    ).client_id;
    const r = await receive(
      ctx,
      inbound(email, { subject: 'Справка об обучении', text: 'Нужна справка.' }),
    );
    await changeStatus(ctx, SYSTEM, { appealId: r.appealId, status: 'closed' });
    recentClosed = r.appealId;
    ctx.clock.advance(0.5 * YEAR); // 2026

    expect(fs.existsSync(fileOnDisk(sha))).toBe(true);
    const shapeBefore = await metricShape();

    const dry = await runRetention(ctx, SYSTEM, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, years: 5, appeals: 2, clients: 1 });
    expect(await t.db.selectFrom('anonymized_appeals').selectAll().execute()).toEqual([]);

    const run = await runRetention(ctx, SYSTEM);
    expect(run).toMatchObject({ appeals: 2, clients: 1, files: 1 });

    const appeal = await t.db
      .selectFrom('appeals')
      .selectAll()
      .where('id', '=', old.appealId)
      .executeTakeFirstOrThrow();
    expect(appeal.subject).toBe(ANON_TEXT);
    expect(appeal.tracking_token).toBeNull();
    const items = await t.db
      .selectFrom('interactions')
      .selectAll()
      .where('appeal_id', '=', old.appealId)
      .execute();
    for (const i of items) {
      if (i.text != null) expect(i.text).toBe(ANON_TEXT);
      expect(i.meta).not.toContain('@');
    }
    const [file] = await t.db
      .selectFrom('attachments as f')
      .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
      .select(['f.name', 'f.sha256', 'f.size'])
      .where('i.appeal_id', '=', old.appealId)
      .execute();
    expect(file).toMatchObject({ sha256: null, size: bytes.length });
    expect(file!.name).not.toContain('петров');
    expect(fs.existsSync(fileOnDisk(sha))).toBe(false);

    const client = await t.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', old.clientId)
      .executeTakeFirstOrThrow();
    expect(client).toMatchObject({ surname: ANON_NAME, first_name: null, patronymic: null });
    expect(
      await t.db
        .selectFrom('client_contacts')
        .selectAll()
        .where('client_id', '=', old.clientId)
        .execute(),
    ).toEqual([]);

    // A client with a recent appeal keeps the profile; only the old appeal loses its text.
    const mixed = await t.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', mixedClient)
      .executeTakeFirstOrThrow();
    expect(mixed.surname).toBe('Сидорова');
    expect(
      (
        await t.db
          .selectFrom('appeals')
          .select('subject')
          .where('id', '=', mixedOld)
          .executeTakeFirstOrThrow()
      ).subject,
    ).toBe(ANON_TEXT);
    expect(
      (
        await t.db
          .selectFrom('appeals')
          .select('subject')
          .where('id', '=', mixedNew)
          .executeTakeFirstOrThrow()
      ).subject,
    ).toBe('Снова о компенсации');
    expect(
      (
        await t.db
          .selectFrom('appeals')
          .select('subject')
          .where('id', '=', recentClosed)
          .executeTakeFirstOrThrow()
      ).subject,
    ).toBe('Справка об обучении');

    // Search no longer finds them by the removed words.
    expect(await matchAppealIds(t.db, 'аттестата', { limit: 10 })).toEqual([]);
    expect(await matchAppealIds(t.db, 'дубликат', { limit: 10 })).toEqual([]);

    // Numbers, dates, touchpoints, processes, statuses and timelines' shape are untouched.
    expect(await metricShape()).toBe(shapeBefore);

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.retention')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ appeals: 2, clients: 1 });

    const digest = async () =>
      JSON.stringify([
        await t.db.selectFrom('appeals').selectAll().orderBy('id').execute(),
        await t.db.selectFrom('interactions').selectAll().orderBy('id').execute(),
        await t.db.selectFrom('clients').selectAll().orderBy('id').execute(),
      ]);
    const afterFirst = await digest();
    const again = await runRetention(ctx, SYSTEM);
    expect(again).toMatchObject({ appeals: 0, clients: 0, files: 0 });
    expect(await digest()).toBe(afterFirst);
  });

  it('otklik privacy retention --dry-run reports and changes nothing', async () => {
    const r = await cli(['privacy', 'retention', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /Retention 5 years: .* would anonymise 0 appeals and 0 clients \(dry run/,
    );
  });

  it('the retention period is an admin setting of whole years from 1 to 75', async () => {
    const admin = await makeUser(ctx, ['admin']);
    const operator = await makeUser(ctx, ['operator']);
    await expect(saveRetentionYears(ctx, operator, '3')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const bad of ['0', '76', '2.5', 'пять']) {
      await expect(saveRetentionYears(ctx, admin, bad)).rejects.toMatchObject({
        message: 'privacy.error.years',
      });
    }
    expect((await saveRetentionYears(ctx, admin, '1')).retentionYears).toBe(1);
    expect((await privacySettings(t.db)).retentionYears).toBe(1);
    // With one year the Sidorova appeal of late 2025 is not yet due (it is still open).
    expect(await runRetention(ctx, admin, { dryRun: true })).toMatchObject({
      appeals: 0,
      clients: 0,
    });
    await expect(runRetention(ctx, operator, { dryRun: true })).rejects.toBeInstanceOf(DomainError);
    await saveRetentionYears(ctx, admin, '5');
  });

  it('logs every appeal view and attachment opening: who, when, which client', async () => {
    const operator = await makeUser(ctx, ['supervisor'], { name: 'Супервизор Смирнова' });
    const bytes = new TextEncoder().encode('справка');
    const sha = await putAttachment(bytes);
    const a = await receive(
      ctx,
      inbound(email, {
        client: { surname: 'Кузнецов', firstName: 'Олег', email: 'kuznetsov@mail.example' },
        attachments: [
          { name: 'справка.pdf', contentType: 'application/pdf', size: bytes.length, sha256: sha },
        ],
      }),
    );
    const view = await appealView(ctx, operator, a.number);
    const fileId = view.timeline.flatMap((i) => i.attachments)[0]!.id;
    await attachment(ctx, operator, fileId);
    const rows = await listClientAccess(t.db, { clientId: view.appeal.clientId });
    expect(rows.map((r) => [r.action, r.userName, r.appealNumber])).toEqual([
      ['attachment.open', 'Супервизор Смирнова', a.number],
      ['appeal.view', 'Супервизор Смирнова', a.number],
    ]);
    expect(
      await listClientAccess(t.db, { userId: operator.userId, action: 'appeal.view' }),
    ).toHaveLength(1);
    const today = ctx.clock.now().toISOString().slice(0, 10);
    expect(
      await listClientAccess(t.db, {
        clientId: view.appeal.clientId,
        from: `${today}T00:00:00.000Z`,
      }),
    ).toHaveLength(2);
    expect(
      await listClientAccess(t.db, {
        clientId: view.appeal.clientId,
        to: '2020-01-01T00:00:00.000Z',
      }),
    ).toHaveLength(0);
  });

  it('exports everything held about one client, by id or e-mail, and logs the export', async () => {
    const admin = await makeUser(ctx, ['admin']);
    const operator = await makeUser(ctx, ['operator']);
    await expect(
      exportClientData(ctx, operator, { email: 'kuznetsov@mail.example' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const data = await exportClientData(ctx, admin, { email: 'Kuznetsov@Mail.Example' });
    expect(data.client).toMatchObject({ surname: 'Кузнецов', firstName: 'Олег' });
    expect(data.contacts.emails).toEqual(['kuznetsov@mail.example']);
    expect(data.appeals).toHaveLength(1);
    expect(data.appeals[0]!.interactions[0]).toMatchObject({
      direction: 'in',
      text: expect.stringContaining('документы'),
      attachments: [{ name: 'справка.pdf', size: 14 }],
    });
    expect(data.accessLog.map((l) => l.action)).toEqual(['appeal.view', 'attachment.open']);
    const logged = await listClientAccess(t.db, {
      clientId: data.client.id,
      action: 'client.export',
    });
    expect(logged).toHaveLength(1);

    const r = await cli(['privacy', 'export', '--client', String(data.client.id)]);
    expect(r.code).toBe(0);
    const viaCli = JSON.parse(r.out);
    expect(viaCli.client.surname).toBe('Кузнецов');
    expect(viaCli.accessLog.map((l: { action: string }) => l.action)).toContain('client.export');

    const missing = await cli(['privacy', 'export', '--email', 'nobody@mail.example']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('no client with e-mail nobody@mail.example');
    const both = await cli(['privacy', 'export']);
    expect(both.code).toBe(2);
  });

  it('an anonymised client exports only markers', async () => {
    const admin = await makeUser(ctx, ['admin']);
    const data = await exportClientData(ctx, admin, { clientId: old.clientId });
    expect(data.client.surname).toBe(ANON_NAME);
    expect(data.contacts).toEqual({ emails: [], phones: [] });
    expect(JSON.stringify(data)).not.toMatch(/Петров|4510|petrov/);
  });
});
