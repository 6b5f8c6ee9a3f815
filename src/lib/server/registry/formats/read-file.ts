import { readCsvRows, decodeCsv } from './csv-read';
import type { ParsedTable, RegistryProblem } from './types';
import { readXlsx } from './xlsx-read';
import { checkZip, MAX_UNPACKED_BYTES } from './zip-guard';

function unreadable(fileName: string, reason: string): ParsedTable {
  const problem: RegistryProblem = {
    rowNumber: 0,
    code: 'unreadable_file',
    message: `Не удалось прочитать файл «${fileName}»: ${reason}`,
  };
  return { fileName, format: null, rows: [], reference: null, problems: [problem] };
}

const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Read an XLSX (by the zip signature) or a CSV (anything else) into rows of text. Never throws
 * for bad content: an unreadable file comes back as a problem with row number 0.
 */
export async function readRegistryFile(buffer: Buffer, fileName: string): Promise<ParsedTable> {
  if (buffer.length === 0) return unreadable(fileName, 'файл пуст.');
  if (isOle(buffer)) {
    return unreadable(
      fileName,
      'это книга Excel 97–2003 (XLS). Сохраните её в формате XLSX или CSV и загрузите снова.',
    );
  }
  if (isZip(buffer)) {
    const zip = checkZip(buffer);
    if (zip === 'too-large') {
      return unreadable(
        fileName,
        `файл распаковывается больше чем в ${MAX_UNPACKED_BYTES / 1024 / 1024} МБ — так много перечень не занимает; проверьте, тот ли это файл.`,
      );
    }
    if (zip === 'damaged') {
      return unreadable(fileName, 'файл повреждён или не является книгой Excel (XLSX).');
    }
    try {
      const content = await readXlsx(buffer);
      return { fileName, format: 'xlsx', ...content };
    } catch {
      return unreadable(fileName, 'файл повреждён или не является книгой Excel (XLSX).');
    }
  }
  if (/\.xlsx$/i.test(fileName)) {
    return unreadable(fileName, 'файл назван как XLSX, но не является книгой Excel.');
  }
  const { text } = decodeCsv(buffer);
  if (text.includes('\u0000')) {
    return unreadable(fileName, 'это не текстовый файл CSV и не книга Excel (XLSX).');
  }
  return { fileName, format: 'csv', rows: readCsvRows(text), reference: null, problems: [] };
}
