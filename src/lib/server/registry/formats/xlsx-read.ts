import ExcelJS from 'exceljs';
import { findRegistryHeader } from './columns';
import { REFERENCE_SHEET_NAME, readReferenceRows } from './reference-sheet';
import { foldKey } from './text';
import type { FileReference, RegistryProblem, SheetRow } from './types';

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return valueText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    return valueText((value.result ?? null) as ExcelJS.CellValue);
  }
  return '';
}

/**
 * A merged cell's text for the row it sits in: below the top-left cell in the same column it
 * repeats the top-left text (an area or process merged down its group); to the right it is blank
 * (a group title merged across the row must not fill the other columns).
 */
function cellText(cell: ExcelJS.Cell): string {
  const master = cell.master;
  if (cell.isMerged && master.address !== cell.address && master.col !== cell.col) return '';
  return valueText(master.value).replace(/\r\n?/g, '\n').trim();
}

function sheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) cells.push(cellText(row.getCell(col)));
    if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells });
  });
  return rows;
}

export interface XlsxContent {
  rows: SheetRow[];
  reference: FileReference | null;
  problems: RegistryProblem[];
}

/** The form is the first sheet with the form's header; the reference is the «Справочник» sheet. */
export async function readXlsx(buffer: Buffer): Promise<XlsxContent> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheets = workbook.worksheets.map((sheet) => ({ sheet, rows: sheetRows(sheet) }));
  const form = sheets.find((s) => findRegistryHeader(s.rows) !== null) ?? sheets[0];
  const referenceSheet = sheets.find(
    (s) => s !== form && foldKey(s.sheet.name) === foldKey(REFERENCE_SHEET_NAME),
  );
  const reference = referenceSheet ? readReferenceRows(referenceSheet.rows) : null;
  return {
    rows: form?.rows ?? [],
    reference: reference?.reference ?? null,
    problems: reference?.problems ?? [],
  };
}
