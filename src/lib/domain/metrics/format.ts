import type { FigureKind } from './figures';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A figure as the page and the export show it, in the reader's locale; «—» when there is nothing. */
export function formatFigure(
  kind: FigureKind,
  value: number | null,
  locale: string,
  units: { minutes: (v: string) => string; hours: (v: string) => string },
): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const num = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    }).format(v);
  switch (kind) {
    case 'count':
      return num(value, 0);
    case 'share':
      return `${num(value * 100, value * 100 < 10 ? 1 : 0)} %`;
    case 'ratio':
      return num(value, 2);
    case 'rating':
      return num(value, 2);
    case 'duration':
      return value < HOUR ? units.minutes(num(value / MIN, 0)) : units.hours(num(value / HOUR, 1));
  }
}

/** The same figure as a plain number for a spreadsheet: hours for durations, 0–1 for shares. */
export function figureCellValue(kind: FigureKind, value: number | null): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  return kind === 'duration' ? Math.round((value / HOUR) * 100) / 100 : value;
}
