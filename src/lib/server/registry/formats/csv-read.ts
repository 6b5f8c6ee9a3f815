import iconv from 'iconv-lite';
import { findRegistryHeader } from './columns';
import type { SheetRow } from './types';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/** UTF-8 by BOM or by being valid UTF-8; UTF-16 by BOM; otherwise windows-1251, Excel's «CSV». */
export function decodeCsv(buffer: Buffer): { text: string; encoding: CsvEncoding } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1251'), encoding: 'windows-1251' };
  }
}

/**
 * RFC 4180 records with the line each starts on, which is what a text editor shows; quoted
 * fields may span lines. Blank records are dropped, cells are trimmed.
 */
export function parseCsv(text: string, separator: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let value = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    cells.push(value);
    const trimmed = cells.map((c) => c.replace(/\r\n?/g, '\n').trim());
    if (trimmed.some((c) => c !== '')) rows.push({ rowNumber: start, cells: trimmed });
    cells = [];
    value = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        value += ch;
      }
    } else if (ch === '"' && value.trim() === '') {
      quoted = true;
      value = '';
    } else if (ch === separator) {
      cells.push(value);
      value = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      value += ch;
    }
  }
  if (value !== '' || cells.length > 0) endRecord();
  return rows;
}

const SEPARATORS = [';', ',', '\t'];

/** The separator is the one under which a header row of the form appears; `;` if none does. */
export function readCsvRows(text: string): SheetRow[] {
  let fallback: SheetRow[] | null = null;
  for (const separator of SEPARATORS) {
    const rows = parseCsv(text, separator);
    if (findRegistryHeader(rows)) return rows;
    fallback ??= rows;
  }
  return fallback ?? [];
}
