import type { RegistryEntry } from '../../../domain/registry/vocabulary';
import { COLUMN_TITLES, REGISTRY_COLUMNS } from './columns';
import { groupByArea, needLines } from './layout';
import type { RegistryFileMeta } from './types';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const CSV_SEPARATOR = ';';

/** RFC 4180: a field with the separator, a quote or a line break is quoted, quotes doubled. */
function field(value: string): string {
  return /[";\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The six columns of the form as CSV for Excel in a Russian locale: UTF-8 with BOM, `;`, CRLF.
 * One line per row with the area's № and name repeated; the needs one per line inside the cell.
 * The title and version have no place in a CSV table, so `meta` is not written.
 */
export function writeRegistryCsv(entries: RegistryEntry[], _meta: RegistryFileMeta): Buffer {
  const lines = [REGISTRY_COLUMNS.map((c) => COLUMN_TITLES[c])];
  for (const group of groupByArea(entries)) {
    for (const entry of group.entries) {
      lines.push([
        String(group.number),
        group.area,
        entry.process,
        entry.touchpoint,
        needLines(entry).join('\n'),
        entry.specifics ?? '',
      ]);
    }
  }
  const text = lines.map((cells) => cells.map(field).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
  return Buffer.concat([BOM, Buffer.from(text, 'utf8')]);
}
