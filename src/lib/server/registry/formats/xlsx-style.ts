import type ExcelJS from 'exceljs';

/** Cell looks shared by the form sheet and the reference sheet. */

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE7E6E6' },
};

export const BODY_FONT_SIZE = 10;
const LINE_HEIGHT_PT = 13.5;

/**
 * Lines a text takes in a column of `width` characters. Excel does not grow a row for wrapped
 * text it did not lay out itself, so the writer sets heights from this estimate, on the generous
 * side: a cut-off line on paper is worse than a little white space.
 */
export function estimateLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width - 1));
  return text
    .split('\n')
    .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
}

export function heightForLines(lines: number): number {
  return Math.max(1, lines) * LINE_HEIGHT_PT + 3;
}

/** `&` starts a code in Excel headers and footers; a literal one is doubled. */
export function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}
