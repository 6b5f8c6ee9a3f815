import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  readRegistryFile,
  tableToEntries,
  writeRegistryXlsx,
} from '../../../src/lib/server/registry/formats';
import { ENTRIES, META, matchNeeds } from './sample';

const HEADER =
  '№;Направление деятельности органа власти;Наименование конкретного процесса;Точка взаимодействия;Осуществляемое взаимодействие с клиентом;Особенности взаимодействия с клиентом';

async function parseCsv(lines: string[]) {
  const table = await readRegistryFile(Buffer.from(lines.join('\r\n'), 'utf8'), 'p.csv');
  return tableToEntries(table, { matchNeeds });
}

const codes = (problems: Array<{ rowNumber: number; code: string }>) =>
  problems.map((p) => [p.rowNumber, p.code]);

describe('problems, each with the row number the user sees', () => {
  it('reports missing area, process, touchpoint and needs, and keeps the good rows', async () => {
    const { entries, problems } = await parseCsv([
      HEADER,
      '1;2;3;4;5;6',
      ';;Процесс без направления;Почтовая связь;получение консультации;',
      '1;Рассмотрение обращений и запросов;;Электронная почта;получение консультации;',
      ';;Рассмотрение обращений граждан;;получение консультации;',
      ';;Рассмотрение обращений граждан;Почтовая связь;;',
      ';;Рассмотрение обращений граждан;Электронная почта;получение консультации;',
    ]);
    expect(codes(problems)).toEqual([
      [3, 'missing_area'],
      [4, 'missing_process'],
      [5, 'missing_touchpoint'],
      [6, 'missing_needs'],
    ]);
    expect(problems.map((p) => p.column)).toEqual([
      'Направление деятельности органа власти',
      'Наименование конкретного процесса',
      'Точка взаимодействия',
      'Осуществляемое взаимодействие с клиентом',
    ]);
    expect(problems[1]!.message).toMatch(
      /^Строка 4: не заполнен столбец «Наименование конкретного процесса»/,
    );
    expect(entries.map((e) => e.rowNumber)).toEqual([7]);
  });

  it('reports a touchpoint repeated within one process (seed 000 §4.11), whatever the case and spacing', async () => {
    const { entries, problems } = await parseCsv([
      HEADER,
      '1;Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Электронная почта;получение консультации;',
      ';;Рассмотрение  обращений граждан;ЭЛЕКТРОННАЯ ПОЧТА;получение результата, ответа, разъяснения;',
      '2;Иные функции;Рассмотрение обращений граждан;Электронная почта;получение консультации;',
    ]);
    expect(codes(problems)).toEqual([[3, 'duplicate_row']]);
    expect(problems[0]!.message).toContain('в строке 2');
    expect(entries.map((e) => e.rowNumber)).toEqual([2, 4]);
  });

  it('reports a file without the form’s header', async () => {
    const { entries, problems } = await parseCsv(['Название;Канал;Адрес', 'Почта;email;a@b.ru']);
    expect(entries).toEqual([]);
    expect(codes(problems)).toEqual([[1, 'no_header']]);
  });

  it('reports a header without the needs column once, on the header row', async () => {
    const { entries, problems } = await parseCsv([
      'Перечень точек взаимодействия',
      'Направление деятельности органа власти;Наименование конкретного процесса;Точка взаимодействия',
      'Рассмотрение обращений и запросов;Рассмотрение обращений граждан;Почтовая связь',
    ]);
    expect(codes(problems)).toEqual([[2, 'no_needs_column']]);
    expect(entries.map((e) => e.entry.needs)).toEqual([[]]);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'p.csv', /файл пуст/],
    [
      'an XLS 97–2003 book',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'p.xls',
      /XLS/,
    ],
    ['a broken XLSX', Buffer.from('PK\u0003\u0004 not really a zip'), 'p.xlsx', /повреждён/],
    ['an XLSX that is not a zip', Buffer.from('hello'), 'p.xlsx', /не является книгой Excel/],
    ['a binary file', Buffer.from([1, 0, 2, 0, 3, 0]), 'p.bin', /не текстовый/],
  ])('reports %s as unreadable', async (_name, buffer, fileName, message) => {
    const table = await readRegistryFile(buffer, fileName);
    expect(table.format).toBeNull();
    const { entries, problems } = tableToEntries(table, { matchNeeds });
    expect(entries).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        rowNumber: 0,
        code: 'unreadable_file',
        message: expect.stringMatching(message),
      }),
    ]);
  });

  it('reports an unknown channel on «Справочник» and falls back to the touchpoint’s name', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeRegistryXlsx(ENTRIES, META)) as unknown as ExcelJS.Buffer);
    const reference = workbook.getWorksheet('Справочник')!;
    let edited = 0;
    reference.eachRow((row) => {
      if (row.getCell(1).value === 'Электронная почта министерства') {
        row.getCell(3).value = 'телепатия';
        edited = row.number;
      }
    });
    const table = await readRegistryFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'p.xlsx');
    const { entries, problems } = tableToEntries(table, { matchNeeds });
    expect(codes(problems)).toEqual([[edited, 'bad_reference']]);
    expect(problems[0]!.message).toContain('«Справочник»');
    const mail = entries.find((e) => e.entry.touchpoint === 'Электронная почта министерства')!;
    expect(mail.entry).toMatchObject({ channel: 'email', mode: 'online', address: null });
  });
});
