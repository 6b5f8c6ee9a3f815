import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRegistry } from '../../src/lib/server/registry/export.service';
import { importRegistry } from '../../src/lib/server/registry/import.service';
import { workingRegistry } from '../../src/lib/server/registry/registry.service';
import { toEntry } from '../../src/lib/server/registry/to-entry';
import { versions } from '../../src/lib/server/registry/versions.service';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';
import { registryWithVersion } from '../support/registry';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  ctx = testContext(t.db);
});
afterEach(() => t?.drop());

const HEADER =
  '№;Направление деятельности органа власти;Наименование конкретного процесса;Точка взаимодействия;Осуществляемое взаимодействие с клиентом;Особенности взаимодействия с клиентом';

function csv(lines: string[]): Buffer {
  return Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');
}

async function snapshot() {
  return {
    rows: (await workingRegistry(ctx)).map(toEntry),
    versions: (await versions(ctx)).length,
    areas: (await t.db.selectFrom('activity_areas').select('name').execute()).length,
    touchpoints: (await t.db.selectFrom('touchpoints').select('name').execute()).length,
  };
}

describe('registry export and import', () => {
  it.each(['xlsx', 'csv', 'json'] as const)(
    'round-trips a version through %s: export → import changes nothing',
    async (format) => {
      const { maintainer, entries } = await registryWithVersion(ctx);
      const file = await exportRegistry(ctx, maintainer, { format, version: 1 });
      expect(file.fileName).toBe(`perechen-v1.${format}`);
      const report = await importRegistry(ctx, maintainer, {
        body: file.body,
        fileName: file.fileName,
      });
      expect(report.problems).toEqual([]);
      expect(report.rows).toBe(entries.length);
      expect(report.diff).toEqual({ added: [], removed: [], changed: [] });
      expect(report.written).toBe(false);
      expect(await versions(ctx)).toHaveLength(1);
    },
  );

  it('imports an exported XLSX into an empty installation with every field kept', async () => {
    const { maintainer } = await registryWithVersion(ctx);
    const file = await exportRegistry(ctx, maintainer, { format: 'xlsx' });
    const original = (await workingRegistry(ctx)).map(toEntry);

    const other = await createTestDb();
    try {
      const ctx2 = testContext(other.db);
      const maintainer2 = await makeUser(ctx2, ['maintainer']);
      const report = await importRegistry(ctx2, maintainer2, {
        body: file.body,
        fileName: 'perechen.xlsx',
      });
      expect(report).toMatchObject({ written: true, versionNumber: 1, problems: [] });
      const imported = (await workingRegistry(ctx2)).map(toEntry);
      const key = (e: { process: string; touchpoint: string }) => `${e.process}|${e.touchpoint}`;
      expect([...imported].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        [...original].sort((a, b) => key(a).localeCompare(key(b))),
      );
    } finally {
      await other.drop();
    }
  });

  it('reports every invalid row with its number and writes nothing', async () => {
    const { maintainer } = await registryWithVersion(ctx);
    const before = await snapshot();
    const body = csv([
      '1;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Электронная почта министерства;получение консультации;',
      '2;Рассмотрение обращений и запросов;;Телефон горячей линии;получение консультации;',
      '3;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;;получение консультации;',
      '4;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Приёмная министерства;;',
      '5;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Электронная почта министерства;получение ответа;',
    ]);
    const report = await importRegistry(ctx, maintainer, { body, fileName: 'broken.csv' });
    const byRow = new Map(report.problems.map((p) => [p.rowNumber, p.code]));
    expect(byRow.get(3)).toBe('missing_process');
    expect(byRow.get(4)).toBe('missing_touchpoint');
    expect(byRow.get(5)).toBe('missing_needs');
    expect(byRow.get(6)).toBe('duplicate_row');
    expect(report.problems.find((p) => p.rowNumber === 6)?.message).toMatch(/строк/);
    expect(byRow.has(2)).toBe(false);
    expect(report.written).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file without the form header, and an unreadable one, writing nothing', async () => {
    const { maintainer } = await registryWithVersion(ctx);
    const before = await snapshot();
    const noHeader = await importRegistry(ctx, maintainer, {
      body: Buffer.from('Фамилия;Имя\nИванов;Иван\n'),
      fileName: 'people.csv',
    });
    expect(noHeader.problems.map((p) => p.code)).toContain('no_header');
    const broken = await importRegistry(ctx, maintainer, {
      body: Buffer.from('PK\u0003\u0004 not really a zip'),
      fileName: 'broken.xlsx',
    });
    expect(broken.problems.map((p) => p.code)).toContain('unreadable_file');
    expect(await snapshot()).toEqual(before);
  });

  it('maps the needs column to standard needs and keeps the rest as "other"; dry run writes nothing', async () => {
    const { maintainer } = await registryWithVersion(ctx);
    const body = iconv.encode(
      [
        HEADER.replaceAll(';', ','),
        '1,Рассмотрение обращений и запросов,Рассмотрение обращений граждан,Электронная почта министерства,"Получение консультации; запись на экскурсию в музей",',
      ].join('\r\n'),
      'win1251',
    );
    const dry = await importRegistry(ctx, maintainer, {
      body,
      fileName: 'cp1251.csv',
      dryRun: true,
    });
    expect(dry.problems).toEqual([]);
    expect(dry.written).toBe(false);
    expect(dry.diff?.removed).toHaveLength(3);
    const changed = dry.diff?.changed[0]?.after;
    expect(changed?.needs).toEqual(['consultation', 'other']);
    expect(changed?.needsOther).toMatch(/экскурси/);
    expect(await versions(ctx)).toHaveLength(1);

    const written = await importRegistry(ctx, maintainer, { body, fileName: 'cp1251.csv' });
    expect(written).toMatchObject({ written: true, versionNumber: 2 });
    expect((await workingRegistry(ctx)).map((r) => r.touchpoint)).toEqual([
      'Электронная почта министерства',
    ]);
  });

  it('lets only the maintainer import and export', async () => {
    const { member } = await registryWithVersion(ctx);
    await expect(exportRegistry(ctx, member, { format: 'csv' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      importRegistry(ctx, member, { body: csv([]), fileName: 'x.csv' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
