import ExcelJS from 'exceljs';
import type { RegistryEntry } from '../../../domain/registry/vocabulary';
import { COLUMN_TITLES, REGISTRY_COLUMNS, registryTitle, type RegistryColumn } from './columns';
import { groupByArea, needLines, versionLine } from './layout';
import { addReferenceSheet } from './reference-sheet';
import type { RegistryFileMeta } from './types';
import {
  BODY_FONT_SIZE,
  HEADER_FILL,
  THIN_BORDER,
  estimateLines,
  footerText,
  heightForLines,
} from './xlsx-style';

export const FORM_SHEET_NAME = 'Перечень';

/** Character widths of the six columns; their sum fits A4 landscape at about 70 % scale. */
const WIDTHS: Record<RegistryColumn, number> = {
  number: 6,
  area: 28,
  process: 38,
  touchpoint: 34,
  needs: 48,
  specifics: 36,
};

/** Excel refuses a header or footer longer than 255 characters, codes included. */
function fitFooter(full: string, short: string): string {
  return full.length <= 180 ? full : short;
}

const HEADER_ROW = 3;
const NUMBERING_ROW = 4;

function rowValues(entry: RegistryEntry): Record<RegistryColumn, string | number> {
  return {
    number: '',
    area: '',
    process: entry.process,
    touchpoint: entry.touchpoint,
    needs: needLines(entry).join('\n'),
    specifics: entry.specifics ?? '',
  };
}

function linesOf(values: Record<RegistryColumn, string | number>): number {
  return Math.max(...REGISTRY_COLUMNS.map((c) => estimateLines(String(values[c]), WIDTHS[c])));
}

/**
 * The registry in the form of the seed 004 annex: title, header, the numbering row 1–6, then the
 * rows grouped by area. Each group's first row carries the area's № and name, merged down the
 * group; the reader does not need the merge, since a blank area carries down.
 */
export async function writeRegistryXlsx(
  entries: RegistryEntry[],
  meta: RegistryFileMeta,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Otklik';
  workbook.title = registryTitle(meta.agency);
  const footer = fitFooter(
    `${registryTitle(meta.agency)}. ${versionLine(meta)}`,
    versionLine(meta),
  );
  const sheet = workbook.addWorksheet(FORM_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: NUMBERING_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${NUMBERING_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L&8${footerText(footer)}&R&8Страница &P из &N`,
    },
  });
  sheet.columns = REGISTRY_COLUMNS.map((c) => ({ width: WIDTHS[c] }));
  const totalWidth = REGISTRY_COLUMNS.reduce((sum, c) => sum + WIDTHS[c], 0);

  const title = sheet.getRow(1);
  title.getCell(1).value = registryTitle(meta.agency);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = heightForLines(estimateLines(registryTitle(meta.agency), totalWidth * 0.75)) * 1.3;
  sheet.mergeCells(1, 1, 1, REGISTRY_COLUMNS.length);

  const version = sheet.getRow(2);
  version.getCell(1).value = versionLine(meta);
  version.font = { italic: true, size: BODY_FONT_SIZE };
  version.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, REGISTRY_COLUMNS.length);

  const header = sheet.getRow(HEADER_ROW);
  header.values = REGISTRY_COLUMNS.map((c) => COLUMN_TITLES[c]);
  header.height = heightForLines(
    Math.max(...REGISTRY_COLUMNS.map((c) => estimateLines(COLUMN_TITLES[c], WIDTHS[c]))),
  );
  const numbering = sheet.getRow(NUMBERING_ROW);
  numbering.values = REGISTRY_COLUMNS.map((_, i) => i + 1);
  for (const [row, bold] of [
    [header, true],
    [numbering, false],
  ] as const) {
    for (let col = 1; col <= REGISTRY_COLUMNS.length; col++) {
      const cell = row.getCell(col);
      cell.font = { bold, size: bold ? BODY_FONT_SIZE : BODY_FONT_SIZE - 1 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN_BORDER;
      if (bold) cell.fill = HEADER_FILL;
    }
  }

  for (const group of groupByArea(entries)) {
    const first = sheet.rowCount + 1;
    let groupHeight = 0;
    for (const [i, entry] of group.entries.entries()) {
      const values = rowValues(entry);
      if (i === 0) {
        values.number = group.number;
        values.area = group.area;
      }
      const row = sheet.addRow(REGISTRY_COLUMNS.map((c) => (values[c] === '' ? null : values[c])));
      row.height = heightForLines(linesOf({ ...values, area: '' }));
      groupHeight += row.height;
      for (let col = 1; col <= REGISTRY_COLUMNS.length; col++) {
        const cell = row.getCell(col);
        cell.font = { size: BODY_FONT_SIZE };
        cell.border = THIN_BORDER;
        cell.alignment = {
          wrapText: true,
          vertical: 'top',
          horizontal: col === 1 ? 'center' : 'left',
        };
      }
    }
    const last = sheet.rowCount;
    const areaHeight = heightForLines(estimateLines(group.area, WIDTHS.area));
    if (areaHeight > groupHeight) {
      const lastRow = sheet.getRow(last);
      lastRow.height = (lastRow.height ?? 0) + areaHeight - groupHeight;
    }
    if (last > first) {
      sheet.mergeCells(first, 1, last, 1);
      sheet.mergeCells(first, 2, last, 2);
    }
  }

  addReferenceSheet(workbook, entries);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
