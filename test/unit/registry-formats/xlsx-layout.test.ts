import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NEED_LABELS } from '../../../src/lib/domain/registry/vocabulary';
import {
  COLUMN_TITLES,
  REGISTRY_COLUMNS,
  writeRegistryXlsx,
} from '../../../src/lib/server/registry/formats';
import { ENTRIES, META } from './sample';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('XLSX export, read back with exceljs', () => {
  let workbook: ExcelJS.Workbook;
  let form: ExcelJS.Worksheet;
  beforeAll(async () => {
    workbook = await load(await writeRegistryXlsx(ENTRIES, META));
    form = workbook.worksheets[0]!;
  });

  it('has the form sheet and the «Справочник» sheet', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Перечень', 'Справочник']);
  });

  it('opens with the title of the seed 004 annex and the version with its date', () => {
    expect(form.getCell('A1').value).toBe(
      'Перечень точек взаимодействия с внешними и внутренними клиентами министерства образования и науки Курской области',
    );
    expect(form.getCell('A2').value).toBe('Версия № 3 от 05.03.2026');
    expect(form.headerFooter.oddFooter).toContain('Версия № 3 от 05.03.2026');
  });

  it('has a bold, wrapped header row and the numbering row 1–6, both frozen', () => {
    const header = form.getRow(3);
    REGISTRY_COLUMNS.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      expect(cell.value).toBe(COLUMN_TITLES[column]);
      expect(cell.font.bold).toBe(true);
      expect(cell.alignment.wrapText).toBe(true);
      expect(form.getRow(4).getCell(i + 1).value).toBe(i + 1);
    });
    expect(form.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('sets column widths and wraps every data cell', () => {
    const widths = form.columns.map((c) => c.width ?? 0);
    expect(widths).toHaveLength(6);
    expect(widths.every((w) => w >= 6)).toBe(true);
    expect(widths[4]).toBeGreaterThan(widths[0]!);
    for (let row = 5; row <= 10; row++) {
      for (let col = 1; col <= 6; col++) {
        expect(form.getRow(row).getCell(col).alignment.wrapText).toBe(true);
      }
      expect(form.getRow(row).height).toBeGreaterThan(0);
    }
  });

  it('prints on A4 landscape, one page wide, repeating the header rows', () => {
    expect(form.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(form.pageSetup.printTitlesRow).toBe('3:4');
  });

  it('groups rows by area: № and name on the group’s first row, merged down the group', () => {
    expect(form.getCell('A5').value).toBe(1);
    expect(form.getCell('B5').value).toBe('Предоставление государственных услуг');
    expect(form.getCell('A8').value).toBe(2);
    expect(form.getCell('A10').value).toBe(3);
    expect(form.getCell('B7').isMerged).toBe(true);
    expect(form.getCell('B7').master.address).toBe('B5');
    expect(form.getCell('B10').isMerged).toBe(false);
  });

  it('writes column 5 as the needs in Russian, one a line, «other» as its own text', () => {
    expect(form.getCell('E5').value).toBe(
      [NEED_LABELS.information, NEED_LABELS.forms, NEED_LABELS.submit, NEED_LABELS.result].join(
        '\n',
      ),
    );
    expect(form.getCell('E7').value).toBe(
      [
        NEED_LABELS.submit,
        NEED_LABELS.result,
        'выдача оригиналов документов после проставления апостиля',
      ].join('\n'),
    );
  });

  it('lists areas, processes and touchpoints with their facts on «Справочник»', () => {
    const values = workbook
      .getWorksheet('Справочник')!
      .getSheetValues()
      .map((row) => (Array.isArray(row) ? row.slice(1).join('|') : ''));
    expect(values).toContain('Точка взаимодействия|Вид точки|Канал|Адрес');
    expect(values).toContain('СЭД «Дело»|онлайн|СЭД');
    expect(values).toContain(
      'Предоставление государственных услуг|Государственная аккредитация образовательной деятельности|Отдел лицензирования и аккредитации|внешний',
    );
    expect(values.filter((v) => v.startsWith('Телефон отдела'))).toHaveLength(1);
  });

  it('calls a version without a number a working copy', async () => {
    const draft = await load(
      await writeRegistryXlsx(ENTRIES, { agency: 'X', versionNumber: null, approvedAt: null }),
    );
    expect(draft.worksheets[0]!.getCell('A2').value).toBe('Рабочая версия, не утверждена');
  });
});
