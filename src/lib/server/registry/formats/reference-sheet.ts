import type ExcelJS from 'exceljs';
import type { RegistryEntry } from '../../../domain/registry/vocabulary';
import { matchColumns, type ColumnMap } from './columns';
import {
  CHANNEL_WORDS,
  CLIENT_KIND_WORDS,
  MODE_WORDS,
  parseChannel,
  parseClientKind,
  parseMode,
} from './labels';
import { cleanName, cleanText, foldKey, referenceKey } from './text';
import type { FileReference, RegistryProblem, SheetRow } from './types';
import { BODY_FONT_SIZE, HEADER_FILL, THIN_BORDER } from './xlsx-style';

export const REFERENCE_SHEET_NAME = 'Справочник';

const HEADERS = {
  areas: ['Направление деятельности', 'Клиент'],
  processes: [
    'Направление деятельности',
    'Наименование конкретного процесса',
    'Структурное подразделение',
    'Клиент',
  ],
  touchpoints: ['Точка взаимодействия', 'Вид точки', 'Канал', 'Адрес'],
};

/** First row per name wins; `keyWidth` is how many leading cells make the name. */
function uniqueRows(rows: string[][], keyWidth: number): string[][] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = referenceKey(...row.slice(0, keyWidth));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The second sheet of an export: each area's client kind, each process's unit and client kind,
 * each touchpoint's mode, channel and address, so that a re-import elsewhere keeps what the
 * six columns of the form do not show.
 */
export function addReferenceSheet(workbook: ExcelJS.Workbook, entries: RegistryEntry[]): void {
  const sheet = workbook.addWorksheet(REFERENCE_SHEET_NAME, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = [{ width: 48 }, { width: 48 }, { width: 32 }, { width: 40 }];
  const blocks: Array<[string, string[], string[][]]> = [
    [
      'Направления деятельности',
      HEADERS.areas,
      uniqueRows(
        entries.map((e) => [e.area, CLIENT_KIND_WORDS[e.areaClientKind]]),
        1,
      ),
    ],
    [
      'Процессы',
      HEADERS.processes,
      uniqueRows(
        entries.map((e) => [
          e.area,
          e.process,
          e.unit ?? '',
          CLIENT_KIND_WORDS[e.processClientKind],
        ]),
        2,
      ),
    ],
    [
      'Точки взаимодействия',
      HEADERS.touchpoints,
      uniqueRows(
        entries.map((e) => [
          e.touchpoint,
          MODE_WORDS[e.mode],
          CHANNEL_WORDS[e.channel],
          e.address ?? '',
        ]),
        1,
      ),
    ],
  ];
  for (const [title, header, rows] of blocks) {
    if (sheet.rowCount > 0) sheet.addRow([]);
    sheet.addRow([title]).font = { bold: true, size: 12 };
    const headerRow = sheet.addRow(header);
    headerRow.eachCell((cell) => {
      cell.font = { bold: true, size: BODY_FONT_SIZE };
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    for (const values of rows) {
      const row = sheet.addRow(values.map((value) => (value === '' ? null : value)));
      for (let col = 1; col <= header.length; col++) {
        const cell = row.getCell(col);
        cell.font = { size: BODY_FONT_SIZE };
        cell.border = THIN_BORDER;
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
}

type ReferenceColumn =
  'area' | 'process' | 'unit' | 'clientKind' | 'touchpoint' | 'mode' | 'channel' | 'address';

function classifyReferenceHeader(text: string): ReferenceColumn | null {
  const t = foldKey(text);
  if (t.includes('процесс')) return 'process';
  if (t.includes('точк') && t.includes('взаимодейств')) return 'touchpoint';
  if (t.includes('направлени')) return 'area';
  if (t.includes('подразделени')) return 'unit';
  if (t.includes('клиент')) return 'clientKind';
  if (t.startsWith('вид') || t.includes('онлайн')) return 'mode';
  if (t.includes('канал')) return 'channel';
  if (t.includes('адрес')) return 'address';
  return null;
}

type Block = 'areas' | 'processes' | 'touchpoints';

function blockOf(columns: ColumnMap<ReferenceColumn>): Block | null {
  if (columns.touchpoint !== undefined && columns.channel !== undefined) return 'touchpoints';
  if (columns.area !== undefined && columns.process !== undefined) return 'processes';
  if (columns.area !== undefined && columns.clientKind !== undefined) return 'areas';
  return null;
}

/** Read the reference sheet back; blocks are found by their header rows and end at a blank row. */
export function readReferenceRows(rows: SheetRow[]): {
  reference: FileReference;
  problems: RegistryProblem[];
} {
  const reference: FileReference = {
    areas: new Map(),
    processes: new Map(),
    touchpoints: new Map(),
  };
  const problems: RegistryProblem[] = [];
  const bad = (rowNumber: number, column: string, value: string) =>
    problems.push({
      rowNumber,
      column,
      code: 'bad_reference',
      message: `Лист «${REFERENCE_SHEET_NAME}», строка ${rowNumber}: значение «${value}» в столбце «${column}» не распознано; оно будет определено по названию точки или процесса.`,
    });

  let block: Block | null = null;
  let columns: ColumnMap<ReferenceColumn> = {};
  let previousRow = 0;
  for (const row of rows) {
    if (row.rowNumber > previousRow + 1) block = null;
    previousRow = row.rowNumber;
    const headerColumns = matchColumns(row.cells, classifyReferenceHeader);
    const allNamed = row.cells.every((c) => c === '' || classifyReferenceHeader(c) !== null);
    const headerBlock = allNamed ? blockOf(headerColumns) : null;
    if (headerBlock) {
      block = headerBlock;
      columns = headerColumns;
      continue;
    }
    if (!block) continue;
    const cell = (key: ReferenceColumn) => {
      const index = columns[key];
      return index === undefined ? '' : (row.cells[index] ?? '');
    };
    if (block === 'areas' && cell('area')) {
      const kind = parseClientKind(cell('clientKind'));
      if (kind) reference.areas.set(referenceKey(cleanName(cell('area'))), kind);
      else bad(row.rowNumber, 'Клиент', cell('clientKind'));
    } else if (block === 'processes' && cell('area') && cell('process')) {
      const kind = parseClientKind(cell('clientKind'));
      if (!kind) bad(row.rowNumber, 'Клиент', cell('clientKind'));
      else
        reference.processes.set(referenceKey(cleanName(cell('area')), cleanName(cell('process'))), {
          unit: cleanText(cell('unit')) === null ? null : cleanName(cell('unit')),
          clientKind: kind,
        });
    } else if (block === 'touchpoints' && cell('touchpoint')) {
      const key = referenceKey(cleanName(cell('touchpoint')));
      const channel = parseChannel(cell('channel'));
      const mode = parseMode(cell('mode'));
      if (!channel) bad(row.rowNumber, 'Канал', cell('channel'));
      if (!mode) bad(row.rowNumber, 'Вид точки', cell('mode'));
      if (channel && mode && !reference.touchpoints.has(key)) {
        const address = cleanText(cell('address'));
        reference.touchpoints.set(key, { mode, channel, address: address && cleanName(address) });
      }
    }
  }
  return { reference, problems };
}
