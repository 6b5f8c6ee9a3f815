import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NEED_LABELS } from '../../../src/lib/domain/registry/vocabulary';
import { readRegistryFile, tableToEntries } from '../../../src/lib/server/registry/formats';
import { matchNeeds } from './sample';

/** A sheet as a ministry makes it by hand: merged title, group rows, merges down, a link. */
async function ministryWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Лист1');
  sheet.getCell('A1').value =
    'Перечень точек взаимодействия с внешними и внутренними клиентами департамента агропромышленного комплекса Костромской области';
  sheet.mergeCells('A1:F1');
  sheet.getRow(3).values = [
    '№ п/п',
    {
      richText: [
        { text: 'Направление деятельности ', font: { bold: true } },
        { text: 'органа власти' },
      ],
    },
    'Наименование конкретного процесса',
    'ТОЧКА  ВЗАИМОДЕЙСТВИЯ',
    'Осуществляемое взаимодействие с клиентом',
    'Особенности взаимодействия с клиентом ',
  ];
  sheet.getRow(4).values = [1, 2, 3, 4, 5, 6];
  sheet.getRow(5).values = [
    1,
    'Предоставление государственных услуг',
    'Регистрация тракторов, самоходных машин и прицепов к ним',
    'ЕПГУ https://www.gosuslugi.ru/',
    `${NEED_LABELS.information}\n${NEED_LABELS.submit}`,
  ];
  sheet.getRow(6).values = [
    null,
    null,
    null,
    'Приёмная инспекции гостехнадзора, каб. 12',
    NEED_LABELS.inspection,
  ];
  sheet.getRow(7).values = [
    null,
    null,
    'Выдача удостоверений тракториста-машиниста',
    'Телефон инспекции +7 (4942) 45-67-89',
    NEED_LABELS.consultation,
    'Пн–Чт 9:00–18:00',
  ];
  sheet.mergeCells('A5:A7');
  sheet.mergeCells('B5:B7');
  sheet.mergeCells('C5:C6');
  sheet.getCell('A8').value = '2. Иные функции (обеспечения деятельности департамента)';
  sheet.mergeCells('A8:F8');
  sheet.getRow(9).values = [
    null,
    null,
    'Закупки товаров, работ, услуг',
    'Официальный сайт ЕИС «Закупки» (https://zakupki.gov.ru/)',
    NEED_LABELS.information,
  ];
  sheet.getRow(10).values = [
    null,
    null,
    'Информирование о мерах поддержки',
    { text: 'Telegram-канал департамента', hyperlink: 'https://t.me/apk44' },
    { formula: 'LOWER("ПОЛУЧЕНИЕ КОНСУЛЬТАЦИИ")', result: 'получение консультации' },
  ];
  sheet.getRow(11).values = [
    null,
    null,
    'Информирование о мерах поддержки',
    null,
    NEED_LABELS.information,
  ];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('XLSX import of a hand-made ministry workbook', () => {
  it('reads merged areas and processes down their groups, and a group row merged across', async () => {
    const table = await readRegistryFile(await ministryWorkbook(), 'перечень.xlsx');
    const { entries } = tableToEntries(table, { matchNeeds });
    expect(
      entries.map((e) => [e.rowNumber, e.entry.area, e.entry.process, e.entry.touchpoint]),
    ).toEqual([
      [
        5,
        'Предоставление государственных услуг',
        'Регистрация тракторов, самоходных машин и прицепов к ним',
        'ЕПГУ https://www.gosuslugi.ru/',
      ],
      [
        6,
        'Предоставление государственных услуг',
        'Регистрация тракторов, самоходных машин и прицепов к ним',
        'Приёмная инспекции гостехнадзора, каб. 12',
      ],
      [
        7,
        'Предоставление государственных услуг',
        'Выдача удостоверений тракториста-машиниста',
        'Телефон инспекции +7 (4942) 45-67-89',
      ],
      [
        9,
        'Иные функции (обеспечения деятельности департамента)',
        'Закупки товаров, работ, услуг',
        'Официальный сайт ЕИС «Закупки» (https://zakupki.gov.ru/)',
      ],
      [
        10,
        'Иные функции (обеспечения деятельности департамента)',
        'Информирование о мерах поддержки',
        'Telegram-канал департамента',
      ],
    ]);
  });

  it('takes text from rich text, links and formula results; infers the touchpoints', async () => {
    const table = await readRegistryFile(await ministryWorkbook(), 'перечень.xlsx');
    const { entries } = tableToEntries(table, { matchNeeds });
    expect(entries.map(({ entry: e }) => [e.channel, e.mode, e.address, e.needs])).toEqual([
      ['portal', 'online', 'https://www.gosuslugi.ru/', ['information', 'submit']],
      ['in_person', 'offline', null, ['inspection']],
      ['phone', 'offline', '+7 (4942) 45-67-89', ['consultation']],
      ['portal', 'online', 'https://zakupki.gov.ru/', ['information']],
      ['social', 'online', null, ['consultation']],
    ]);
    expect(entries[2]!.entry.specifics).toBe('Пн–Чт 9:00–18:00');
  });

  it('reports the row without a touchpoint by its Excel row number', async () => {
    const table = await readRegistryFile(await ministryWorkbook(), 'перечень.xlsx');
    const { problems } = tableToEntries(table, { matchNeeds });
    expect(problems).toEqual([
      expect.objectContaining({
        rowNumber: 11,
        code: 'missing_touchpoint',
        column: 'Точка взаимодействия',
      }),
    ]);
  });
});
