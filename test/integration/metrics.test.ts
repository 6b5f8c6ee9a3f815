import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDeadlinePolicies } from '../../db/seed/deadlines';
import { reply } from '../../src/lib/server/appeals/work.service';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { computeSlices } from '../../src/lib/domain/metrics/compute';
import { figuresOf } from '../../src/lib/domain/metrics/figures';
import { addMeasures, emptyMeasures } from '../../src/lib/domain/metrics/measures';
import { dayStartIso } from '../../src/lib/domain/metrics/period';
import { WorkClock } from '../../src/lib/domain/metrics/work-clock';
import { workTime } from '../../src/lib/server/deadlines/deadlines.queries';
import { metricsReport, registryFigures } from '../../src/lib/server/metrics/metrics.service';
import { rollupMetrics } from '../../src/lib/server/metrics/rollup.service';
import { saveMetricsSettings } from '../../src/lib/server/metrics/settings.service';
import { loadSources } from '../../src/lib/server/metrics/sources.queries';
import { exportRegistry } from '../../src/lib/server/registry/export.service';
import ExcelJS from 'exceljs';
import { COMMANDS } from '../../src/lib/server/cli/commands';
import { runCli } from '../../src/lib/server/cli/run';
import { dropSingleton } from '../../src/lib/server/singleton';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

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

async function world() {
  const w = await appealsWorld(ctx);
  await seedDeadlinePolicies(ctx);
  const operator = await makeUser(ctx, ['operator', 'supervisor']);
  const maintainer = await makeUser(ctx, ['maintainer']);
  const admin = await makeUser(ctx, ['admin']);
  const processId = (
    await t.db
      .selectFrom('registry_rows')
      .select('process_id')
      .where('touchpoint_id', '=', w.email)
      .executeTakeFirstOrThrow()
  ).process_id;
  return { ...w, operator, maintainer, admin, processId };
}

let tokens = 0;
/** A survey link and, optionally, its answer, as the surveys module stores them. */
async function survey(appealId: number, rating: number | null) {
  const a = await t.db
    .selectFrom('appeals')
    .selectAll()
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now().toISOString();
  const token = `test-token-${++tokens}`;
  await t.db
    .insertInto('survey_links')
    .values({
      token,
      appeal_id: a.id,
      interaction_id: null,
      call_id: null,
      touchpoint_id: a.touchpoint_id,
      process_id: a.process_id,
      unit_id: a.unit_id,
      operator_id: a.assignee_id,
      channel: a.channel,
      created_at: now,
    })
    .execute();
  if (rating == null) return;
  const q = await t.db
    .insertInto('questionnaires')
    .values({
      slug: `q${tokens}`,
      title: 'Оценка ответа',
      intro: '',
      questions: '[]',
      kind: 'reply',
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('survey_responses')
    .values({
      questionnaire_id: q.id,
      link_token: token,
      appeal_id: a.id,
      touchpoint_id: a.touchpoint_id,
      process_id: a.process_id,
      unit_id: a.unit_id,
      operator_id: a.assignee_id,
      channel: a.channel,
      rating,
      resolved: rating >= 4 ? 1 : 0,
      comment: null,
      answers: '{}',
      created_at: now,
      updated_at: now,
      editable_until: new Date(Date.parse(now) + 7 * 24 * HOUR).toISOString(),
    })
    .execute();
}

/** The figures straight from the source tables, without the roll-up. */
async function direct(from: string, to: string) {
  const fromIso = dayStartIso(from);
  const toIso = new Date(Date.parse(dayStartIso(to)) + 24 * HOUR).toISOString();
  const src = await loadSources(t.db, fromIso, toIso);
  const sums = computeSlices(
    src,
    fromIso,
    toIso,
    ctx.clock.now().toISOString(),
    new WorkClock(await workTime(t.db)),
  );
  const total = emptyMeasures();
  for (const r of sums.list()) addMeasures(total, r.m);
  return figuresOf(total);
}

describe('metrics roll-up', () => {
  it('equals the direct definition, and re-rolls the old day after a late change', async () => {
    const w = await world();
    const email = (n: number) => ({
      client: { surname: 'Орлова', firstName: 'Нина', email: `orlova${n}@mail.example` },
    });
    // Monday 12:00: two appeals of the same client on the same process (the second a repeat), one of another.
    const a1 = await receive(ctx, inbound(w.email, { ...email(1), processId: w.processId }));
    ctx.clock.advance(HOUR);
    const a2 = await receive(ctx, inbound(w.email, { ...email(1), processId: w.processId }));
    const a3 = await receive(ctx, inbound(w.email, { ...email(3), processId: w.processId }));
    // 15:00: the first is answered after 3 office hours.
    ctx.clock.advance(2 * HOUR);
    await reply(ctx, w.operator, {
      appealId: a1.appealId,
      text: await politeReply(
        ctx,
        a1.appealId,
        'Документы для зачисления перечислены на сайте министерства.',
      ),
    });
    await survey(a1.appealId, 5);
    await survey(a3.appealId, null);

    // Tuesday: roll up; Monday is now a stored day.
    ctx.clock.advance(24 * HOUR);
    const first = await rollupMetrics(ctx);
    expect(first.mode).toBe('full');
    const monday = { from: '2026-03-02', to: '2026-03-02' };
    const report = await metricsReport(ctx, w.maintainer, {
      period: monday,
      dimension: 'touchpoint',
      filter: {},
    });
    expect(report.total).toEqual(await direct('2026-03-02', '2026-03-02'));
    expect(report.total.volume).toBe(3);
    expect(report.total.repeats).toBe(1);
    expect(report.total.replies).toBe(1);
    expect(report.total.satMean).toBe(5);
    const links = await t.db
      .selectFrom('survey_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(report.total.responseRate).toBeCloseTo(1 / Number(links.n));
    // One answer after 3 office hours: its bucket [2 h, 4 h) holds the median.
    expect(report.total.answerMedianMs).toBeGreaterThanOrEqual(2 * HOUR);
    expect(report.total.answerMedianMs).toBeLessThan(4 * HOUR);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]!.key).toBe(String(w.email));
    // A filter reads the full slices and gives the same figures.
    const filtered = await metricsReport(ctx, w.maintainer, {
      period: monday,
      dimension: 'operator',
      filter: { touchpointId: w.email },
    });
    expect(filtered.total).toEqual(report.total);

    // 20 days later the second appeal is answered: the answer counts on its own day, and the
    // deadline outcome is re-rolled; an unrelated old day stays as it was.
    ctx.clock.advance(20 * 24 * HOUR);
    await reply(ctx, w.operator, {
      appealId: a2.appealId,
      text: await politeReply(ctx, a2.appealId, 'Сообщаем, что заявление рассмотрено.'),
    });
    ctx.clock.advance(24 * HOUR);
    const again = await rollupMetrics(ctx);
    expect(again.mode).toBe('incremental');
    expect(again.days).toBeLessThan(30);
    const all = { from: '2026-03-02', to: '2026-03-23' };
    const after = await metricsReport(ctx, w.maintainer, {
      period: all,
      dimension: 'process',
      filter: {},
    });
    expect(after.total).toEqual(await direct(all.from, all.to));
    expect(after.total.replies).toBe(2);
    const answeredDay = after.series.find((s) => s.figures.replies === 1 && s.day !== '2026-03-02');
    expect(answeredDay?.day).toBe('2026-03-23');
    expect(
      (
        await metricsReport(ctx, w.maintainer, {
          period: monday,
          dimension: 'touchpoint',
          filter: {},
        })
      ).total,
    ).toEqual(report.total);
  });

  it('shows today live: a survey answered now changes the figure before any roll-up', async () => {
    const w = await world();
    const a = await receive(ctx, inbound(w.email, { processId: w.processId }));
    await rollupMetrics(ctx);
    const before = await registryFigures(ctx, w.maintainer);
    const key = `${w.email}:${w.processId}`;
    expect(before.rows[key]!.figures.satResponses).toBe(0);
    await survey(a.appealId, 2);
    const after = await registryFigures(ctx, w.maintainer);
    expect(after.rows[key]!.figures.satMean).toBe(2);
    expect(after.touchpoints[String(w.email)]!.figures.satMean).toBe(2);
  });
});

describe('registry figures and flags', () => {
  it('flags breaches, low satisfaction, missing templates and no traffic by the admin thresholds', async () => {
    const w = await world();
    await saveMetricsSettings(ctx, w.admin, {
      maxBreachPercent: 10,
      minSatisfaction: 4,
      minResponses: 1,
      windowDays: 30,
    });
    const a = await receive(ctx, inbound(w.email, { processId: w.processId }));
    await survey(a.appealId, 3);
    // 40 days later: the 30-day answer deadline has passed unanswered; the appeal came before the
    // window, but the breach counts on the day it became one, inside the window.
    ctx.clock.advance(40 * 24 * HOUR);
    await rollupMetrics(ctx);
    const r = await registryFigures(ctx, w.maintainer);
    const row = r.rows[`${w.email}:${w.processId}`]!;
    expect(row.figures.compliance).toBe(0);
    expect(row.flags).toContain('breaches');
    // The rating was given 40 days ago, outside the 30-day window.
    expect(row.flags).not.toContain('lowSatisfaction');
    expect(row.flags).toContain('noTemplates');
    const wide = await registryFigures(ctx, w.maintainer, { windowDays: 60 });
    expect(wide.rows[`${w.email}:${w.processId}`]!.flags).toContain('lowSatisfaction');
    expect(wide.rows[`${w.email}:${w.processId}`]!.figures.volume).toBe(1);
    // Rows with no traffic are still listed, flagged.
    const rows = await t.db
      .selectFrom('registry_rows')
      .select(['touchpoint_id', 'process_id'])
      .execute();
    expect(Object.keys(r.rows)).toHaveLength(rows.length);
    const idle =
      r.rows[`${w.reception}:${rows.find((x) => x.touchpoint_id === w.reception)!.process_id}`]!;
    expect(idle.flags).toContain('noTraffic');
    expect(r.touchpoints[String(w.reception)]!.flags).toContain('noTraffic');
  });

  it('refuses the thresholds from anyone but an admin, and nonsense values', async () => {
    const w = await world();
    await expect(
      saveMetricsSettings(ctx, w.maintainer, {
        maxBreachPercent: 5,
        minSatisfaction: 4,
        minResponses: 3,
        windowDays: 30,
      }),
    ).rejects.toThrow(/forbidden/);
    await expect(
      saveMetricsSettings(ctx, SYSTEM, {
        maxBreachPercent: 150,
        minSatisfaction: 4,
        minResponses: 3,
        windowDays: 30,
      }),
    ).rejects.toThrow(/invalid/);
    await expect(
      metricsReport(ctx, w.operator, {
        period: { from: '2026-03-01', to: '2026-03-02' },
        dimension: 'unit',
        filter: {},
      }),
    ).resolves.toBeTruthy();
    const plain = await makeUser(ctx, ['operator']);
    await expect(
      metricsReport(ctx, plain, {
        period: { from: '2026-03-01', to: '2026-03-02' },
        dimension: 'unit',
        filter: {},
      }),
    ).rejects.toThrow(/forbidden/);
  });

  it('adds the figures and flags to the registry XLSX on request, leaving the form as it is', async () => {
    const w = await world();
    await receive(ctx, inbound(w.email, { processId: w.processId }));
    const plain = await exportRegistry(ctx, w.maintainer, { format: 'xlsx' });
    const withFigures = await exportRegistry(ctx, w.maintainer, { format: 'xlsx', figures: true });
    expect(withFigures.fileName).toMatch(/-figures\.xlsx$/);
    const read = async (body: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      return wb.getWorksheet('Перечень')!;
    };
    const [a, b] = [await read(plain.body), await read(withFigures.body)];
    expect(a.getColumn(7).values.filter((v) => v != null)).toHaveLength(0);
    const texts: string[][] = [];
    b.eachRow((row) => texts.push([3, 4, 7, 9, 12].map((i) => row.getCell(i).text)));
    expect(texts.some((r) => r[2]!.startsWith('Обращения ('))).toBe(true);
    const email = await t.db
      .selectFrom('touchpoints')
      .select('name')
      .where('id', '=', w.email)
      .executeTakeFirstOrThrow();
    const row = texts.find((r) => r[1] === email.name)!;
    expect(row[2]).toBe('1');
    const idle = texts.find((r) => r[4]!.includes('нет обращений'));
    expect(idle).toBeTruthy();
  });
});

describe('otklik metrics rollup', () => {
  it('rolls up in full, then incrementally, and refuses a bad date', async () => {
    const w = await world();
    await receive(ctx, inbound(w.email, { processId: w.processId }));
    dropSingleton('db');
    const cli = async (argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, COMMANDS, {
        stdout: (s) => void (out += s),
        stderr: (s) => void (err += s),
        readStdin: async () => '',
      });
      return { code, out, err };
    };
    try {
      const full = await cli(['metrics', 'rollup', '--full']);
      expect(full.code).toBe(0);
      expect(full.out).toMatch(/Metrics rolled up \(full\): \d+ days, [1-9]\d* slices/);
      expect((await cli(['metrics', 'rollup'])).out).toMatch(/\(incremental\)/);
      expect((await cli(['metrics', 'rollup', '--since', '2026-03-01'])).out).toMatch(/\(since\)/);
      const bad = await cli(['metrics', 'rollup', '--since', '2026-13-01']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--since takes a date/);
      const stored = await t.db
        .selectFrom('metrics_daily')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBeGreaterThan(0);
    } finally {
      const { appDb } = await import('../../src/lib/server/db');
      await appDb().destroy();
      dropSingleton('db');
    }
  });
});
