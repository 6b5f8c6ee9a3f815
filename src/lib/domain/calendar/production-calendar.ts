import data from './data/ru-2024-2027.json';
import { dateToUtc, isWeekend } from './dates';

/** An admin's edit of one day on top of the shipped calendar. */
export type OverrideKind = 'working' | 'holiday';
export type CalendarOverrides =
  ReadonlyMap<string, OverrideKind> | Readonly<Record<string, OverrideKind | undefined>>;

export type YearStatus = 'approved' | 'provisional';

export interface Transfer {
  /** A Saturday or Sunday whose rest moves; it becomes a working day unless it is a holiday. */
  from: string;
  /** The weekday that becomes a day off. */
  to: string;
  basis: string;
}

export interface CalendarYear {
  year: number;
  status: YearStatus;
  source: string;
  transfers: readonly Transfer[];
  shortDays: readonly string[];
  workingDaysTotal: number;
}

export type DayType =
  | 'workday'
  | 'weekend'
  | 'holiday'
  | 'transferredDayOff'
  | 'workingWeekend'
  | 'overrideWorking'
  | 'overrideHoliday';

export interface DayInfo {
  date: string;
  working: boolean;
  type: DayType;
  /** Name of the non-working holiday (TK RF art. 112) falling on this date, if any. */
  holiday: string | null;
  /** Pre-holiday day shortened by one hour (TK RF art. 95); informative only. */
  short: boolean;
  override: OverrideKind | null;
  /** False outside the years the shipped calendar covers: only art. 112 holidays and weekends apply. */
  covered: boolean;
}

function fail(message: string): never {
  throw new Error(`Production calendar data: ${message}`);
}

const HOLIDAYS = new Map<string, string>(data.holidays.map((h) => [h.monthDay, h.name]));

interface YearIndex {
  info: CalendarYear;
  daysOff: Set<string>;
  workingWeekends: Set<string>;
  shortDays: Set<string>;
}

function holidayName(date: string): string | null {
  return HOLIDAYS.get(date.slice(5)) ?? null;
}

function indexYear(raw: (typeof data.years)[number]): YearIndex {
  if (raw.status !== 'approved' && raw.status !== 'provisional') fail(`status ${raw.status}`);
  const info: CalendarYear = { ...raw, status: raw.status };
  const daysOff = new Set<string>();
  const workingWeekends = new Set<string>();
  for (const t of info.transfers) {
    dateToUtc(t.from);
    dateToUtc(t.to);
    if (!isWeekend(t.from)) fail(`${t.from} is not a weekend day`);
    if (isWeekend(t.to) || holidayName(t.to)) fail(`${t.to} is not a plain weekday`);
    if (!t.to.startsWith(`${info.year}-`)) fail(`${t.to} is outside ${info.year}`);
    daysOff.add(t.to);
    if (!holidayName(t.from)) workingWeekends.add(t.from);
  }
  for (const d of info.shortDays) dateToUtc(d);
  return { info, daysOff, workingWeekends, shortDays: new Set(info.shortDays) };
}

const YEARS = new Map<number, YearIndex>(data.years.map((y) => [y.year, indexYear(y)]));

export const CALENDAR_NOTE: string = data.note;
function coveredYears(): readonly [number, ...number[]] {
  const years = [...YEARS.keys()].sort((a, b) => a - b);
  const [first, ...rest] = years;
  if (first === undefined) fail('no years');
  return [first, ...rest];
}

/** The years the shipped calendar covers, ascending; never empty. */
export const CALENDAR_YEARS = coveredYears();

export function calendarYear(year: number): CalendarYear | null {
  return YEARS.get(year)?.info ?? null;
}

export function overrideFor(date: string, overrides?: CalendarOverrides): OverrideKind | null {
  if (!overrides) return null;
  const kind =
    overrides instanceof Map
      ? overrides.get(date)
      : (overrides as Readonly<Record<string, OverrideKind | undefined>>)[date];
  return kind === 'working' || kind === 'holiday' ? kind : null;
}

/** Everything the calendar knows about one day; the admin's override wins over the shipped data. */
export function describeDay(date: string, overrides?: CalendarOverrides): DayInfo {
  dateToUtc(date);
  const year = YEARS.get(Number(date.slice(0, 4)));
  const holiday = holidayName(date);
  const override = overrideFor(date, overrides);
  const base = {
    date,
    holiday,
    short: year?.shortDays.has(date) ?? false,
    override,
    covered: year !== undefined,
  };
  if (override === 'working') return { ...base, working: true, type: 'overrideWorking' };
  if (override === 'holiday') return { ...base, working: false, type: 'overrideHoliday' };
  if (holiday) return { ...base, working: false, type: 'holiday' };
  if (year?.daysOff.has(date)) return { ...base, working: false, type: 'transferredDayOff' };
  if (isWeekend(date)) {
    return year?.workingWeekends.has(date)
      ? { ...base, working: true, type: 'workingWeekend' }
      : { ...base, working: false, type: 'weekend' };
  }
  return { ...base, working: true, type: 'workday' };
}
