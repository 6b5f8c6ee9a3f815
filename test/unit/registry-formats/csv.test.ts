import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEED_LABELS } from '../../../src/lib/domain/registry/vocabulary';
import {
  COLUMN_TITLES,
  REGISTRY_COLUMNS,
  readRegistryFile,
  tableToEntries,
  writeRegistryCsv,
} from '../../../src/lib/server/registry/formats';
import { decodeCsv, parseCsv } from '../../../src/lib/server/registry/formats/csv-read';
import { ENTRIES, META, matchNeeds } from './sample';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/registry/${name}`, import.meta.url));

describe('CSV export', () => {
  const file = writeRegistryCsv(ENTRIES, META);
  const text = file.subarray(3).toString('utf8');

  it('starts with the UTF-8 BOM and the six official column names separated by `;`', () => {
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')[0]).toBe(REGISTRY_COLUMNS.map((c) => COLUMN_TITLES[c]).join(';'));
  });

  it('ends records with CRLF and keeps the needs one per line inside a quoted cell', () => {
    const records = text.split('\r\n');
    expect(records).toHaveLength(ENTRIES.length + 2);
    expect(records.at(-1)).toBe('');
    expect(records[1]).toContain(
      `"${[NEED_LABELS.information, NEED_LABELS.forms, NEED_LABELS.submit, NEED_LABELS.result].join('\n')}"`,
    );
  });

  it('repeats the area’s № and name on every line', () => {
    const rows = parseCsv(text, ';').slice(1);
    expect(rows.map((r) => r.cells[0])).toEqual(['1', '1', '1', '2', '2', '3']);
    expect(rows.every((r) => r.cells[1] !== '')).toBe(true);
  });

  it('quotes fields with `;` and doubles quotes (RFC 4180)', () => {
    expect(text).toContain(';"Подтверждение документов об образовании; апостиль";');
    expect(text).toContain(
      '"Ответ с активной ссылкой на опрос удовлетворённости ""Как вам ответ?"""',
    );
  });

  it('prints the «other» need as its own text', () => {
    expect(text).toContain('выдача оригиналов документов после проставления апостиля"');
    expect(text).not.toContain(NEED_LABELS.other);
  });
});

describe('CSV import of a hand-made file', () => {
  it('reads windows-1251 with `,`, skips title and numbering, carries areas down', async () => {
    const buffer = fixture('hand-made-1251.csv');
    expect(decodeCsv(buffer).encoding).toBe('windows-1251');
    const { entries, problems } = tableToEntries(await readRegistryFile(buffer, 'перечень.csv'), {
      matchNeeds,
    });
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.rowNumber, e.entry.area, e.entry.process])).toEqual([
      [
        4,
        'Предоставление мер государственной поддержки',
        'Субсидии на поддержку сельскохозяйственного производства',
      ],
      [
        5,
        'Предоставление мер государственной поддержки',
        'Субсидии на поддержку сельскохозяйственного производства',
      ],
      [7, 'Рассмотрение обращений и запросов', 'Рассмотрение обращений граждан'],
      [8, 'Рассмотрение обращений и запросов', 'Рассмотрение обращений граждан'],
      [9, 'Рассмотрение обращений и запросов', 'Рассмотрение обращений граждан'],
      [
        10,
        'Взаимодействие с внутренним клиентом',
        'Информационно-техническое оснащение рабочих мест',
      ],
    ]);
  });

  it('infers channel, mode and address from the touchpoint text when nothing else says', async () => {
    const table = await readRegistryFile(fixture('hand-made-1251.csv'), 'перечень.csv');
    const { entries } = tableToEntries(table, { matchNeeds });
    expect(
      entries.map(({ entry: e }) => [e.channel, e.mode, e.address, e.areaClientKind, e.unit]),
    ).toEqual([
      ['other', 'online', null, 'external', null],
      ['phone', 'offline', '8 (4942) 31-24-60', 'external', null],
      ['email', 'online', 'apk@adm44.ru', 'external', null],
      ['post', 'offline', null, 'external', null],
      ['in_person', 'offline', null, 'external', null],
      ['edms', 'online', null, 'internal', null],
    ]);
  });

  it('maps the needs text through the matcher, keeping the rest as «other»', async () => {
    const table = await readRegistryFile(fixture('hand-made-1251.csv'), 'перечень.csv');
    const row9 = tableToEntries(table, { matchNeeds }).entries.find((e) => e.rowNumber === 9)!;
    expect(row9.entry.needs).toEqual(['consultation', 'other']);
    expect(row9.entry.needsOther).toBe('запись на приём к директору');
    expect(row9.entry.specifics).toBe(
      'по предварительной записи, "окно" для маломобильных граждан',
    );
  });

  it('reads UTF-8 without BOM and with `;` too', async () => {
    const csv = [
      'Направление деятельности органа власти;Наименование конкретного процесса;Точка взаимодействия;Осуществляемое взаимодействие с клиентом',
      'Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Почтовая связь;получение консультации',
    ].join('\n');
    const { entries, problems } = tableToEntries(
      await readRegistryFile(Buffer.from(csv, 'utf8'), 'p.csv'),
      { matchNeeds },
    );
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.rowNumber).toBe(2);
    expect(entries[0]!.entry.specifics).toBeNull();
  });

  it('finds the header whatever its case, ё and spacing', async () => {
    const csv = [
      '№ п/п;НАПРАВЛЕНИЕ  ДЕЯТЕЛЬНОСТИ ОРГАНА ВЛАСТИ;Наименование конкретного процесса ;Точка  взаимодействия;Осуществляемое взаимодействие с клиентом;Особенности взаимодействия с клиентом',
      '1;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Приёмная;получение консультации;',
    ].join('\r\n');
    const { entries } = tableToEntries(await readRegistryFile(Buffer.from(csv), 'p.csv'), {
      matchNeeds,
    });
    expect(entries.map((e) => e.entry.touchpoint)).toEqual(['Приёмная']);
  });
});
