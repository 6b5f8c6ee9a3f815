import type { SheetRow } from './types';
import { foldKey } from './text';

/** The six columns of the form in the annex to seed 004 (and annex 1 of seed 001). */
export const REGISTRY_COLUMNS = [
  'number',
  'area',
  'process',
  'touchpoint',
  'needs',
  'specifics',
] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

export const COLUMN_TITLES: Record<RegistryColumn, string> = {
  number: '№',
  area: 'Направление деятельности органа власти',
  process: 'Наименование конкретного процесса',
  touchpoint: 'Точка взаимодействия',
  needs: 'Осуществляемое взаимодействие с клиентом',
  specifics: 'Особенности взаимодействия с клиентом',
};

export function registryTitle(agency: string): string {
  return `Перечень точек взаимодействия с внешними и внутренними клиентами ${agency}`.trim();
}

/** Which column a header cell names; tolerant of case, ё/е, spacing and the usual variants. */
export function classifyRegistryHeader(text: string): RegistryColumn | null {
  const t = foldKey(text);
  if (t === '') return null;
  if (/^(№|n|no|номер)\s*(п\s*\/\s*п)?\.?$/.test(t) || t === 'п/п') return 'number';
  if (t.includes('особенност')) return 'specifics';
  if (t.includes('осуществляем') || t.includes('потребност')) return 'needs';
  if (t.startsWith('перечень')) return null;
  if (t.includes('точк') && t.includes('взаимодейств')) return 'touchpoint';
  if (t.includes('процесс')) return 'process';
  if (t.includes('направлени')) return 'area';
  return null;
}

export type ColumnMap<K extends string> = Partial<Record<K, number>>;

/** Map column kinds to cell positions; the first cell of a kind wins. */
export function matchColumns<K extends string>(
  cells: string[],
  classify: (text: string) => K | null,
): ColumnMap<K> {
  const map: ColumnMap<K> = {};
  cells.forEach((cell, index) => {
    const kind = classify(cell);
    if (kind !== null && map[kind] === undefined) map[kind] = index;
  });
  return map;
}

export interface HeaderMatch {
  index: number;
  rowNumber: number;
  columns: ColumnMap<RegistryColumn>;
}

const HEADER_SCAN_ROWS = 30;

/** The header is the first row naming at least the area, process and touchpoint columns. */
export function findRegistryHeader(rows: SheetRow[]): HeaderMatch | null {
  for (const [index, row] of rows.slice(0, HEADER_SCAN_ROWS).entries()) {
    const columns = matchColumns(row.cells, classifyRegistryHeader);
    if (
      columns.area !== undefined &&
      columns.process !== undefined &&
      columns.touchpoint !== undefined
    ) {
      return { index, rowNumber: row.rowNumber, columns };
    }
  }
  return null;
}

/** The form's row «1 2 3 4 5 6» under the header. */
export function isNumberingRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return (
    filled.length >= 3 && filled.every((c, i) => /^\d+(\.0+)?$/.test(c) && Number(c) === i + 1)
  );
}
