import ExcelJS from 'exceljs';
import { figureCellValue } from '../../domain/metrics/format';
import type { Figures, Flag } from '../../domain/metrics/figures';
import type { Period } from '../../domain/metrics/period';
import { entryKey } from '../../domain/registry/diff';
import { translator, type MessageKey } from '../../i18n/messages';
import { FORM_SHEET_NAME } from '../registry/formats/xlsx-write';
import { HEADER_FILL, THIN_BORDER } from '../registry/formats/xlsx-style';

const t = translator('ru');
const label = (key: string) => t(key as MessageKey);

/** The extra columns after the form's six: figures for the period and the flags. */
const EXTRA = [
  ['volume', 'count'],
  ['answerMedianMs', 'duration'],
  ['compliance', 'share'],
  ['satMean', 'rating'],
  ['repeats', 'count'],
] as const;

/**
 * The registry workbook with each row's figures beside the official form (issue 12): the six
 * columns of the form stay as they are; the figures and flags follow in columns 7–12, matched to
 * each row by its process and touchpoint (columns 3 and 4).
 */
export async function addFiguresToRegistryXlsx(
  xlsx: Buffer,
  rows: Record<string, { figures: Figures; flags: Flag[] }>,
  period: Period,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet(FORM_SHEET_NAME);
  if (!sheet) return xlsx;
  const first = 7;
  let header = 0;
  sheet.eachRow((row, n) => {
    if (!header && /^1$/.test(row.getCell(1).text.trim()) && row.getCell(6).text.trim() === '6')
      header = n - 1;
  });
  if (!header) header = 3;
  const titles = [
    ...EXTRA.map(
      ([k, kind]) =>
        `${label(`metrics.fig.${k}`)}${kind === 'duration' ? ', ч' : ''} (${period.from.split('-').reverse().join('.')}–${period.to.split('-').reverse().join('.')})`,
    ),
    label('metrics.registry.flagsCol'),
  ];
  titles.forEach((t, i) => {
    const c = sheet.getRow(header).getCell(first + i);
    c.value = t;
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN_BORDER;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    sheet.getColumn(first + i).width = i === titles.length - 1 ? 26 : 14;
  });
  sheet.eachRow((row, n) => {
    if (n <= header + 1) return;
    const process = row.getCell(3).text.trim();
    const touchpoint = row.getCell(4).text.trim();
    const m = rows[entryKey({ process, touchpoint })];
    if (!m) return;
    EXTRA.forEach(([k, kind], i) => {
      const c = row.getCell(first + i);
      c.value = figureCellValue(kind, m.figures[k]);
      c.numFmt =
        kind === 'share' ? '0%' : kind === 'rating' ? '0.00' : kind === 'duration' ? '0.0' : '0';
      c.border = THIN_BORDER;
    });
    const f = row.getCell(first + EXTRA.length);
    f.value = m.flags.map((x) => label(`metrics.flag.${x}`)).join(', ');
    f.border = THIN_BORDER;
    f.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
