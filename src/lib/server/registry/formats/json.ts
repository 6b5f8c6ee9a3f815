import { z } from 'zod';
import {
  CHANNELS,
  CLIENT_KINDS,
  MODES,
  NEEDS,
  type RegistryEntry,
} from '../../../domain/registry/vocabulary';
import { COLUMN_TITLES, registryTitle } from './columns';
import { referenceKey } from './text';
import type { ParsedEntries, RegistryFileMeta, RegistryProblem } from './types';

export const JSON_FORMAT = 'otklik-registry';
export const JSON_FORMAT_VERSION = 1;

const text = z.string().trim().min(1);
const optionalText = z.string().nullable();

const entrySchema = z.object({
  area: text,
  areaClientKind: z.enum(CLIENT_KINDS),
  process: text,
  processClientKind: z.enum(CLIENT_KINDS),
  unit: optionalText,
  touchpoint: text,
  mode: z.enum(MODES),
  channel: z.enum(CHANNELS),
  address: optionalText,
  needs: z.array(z.enum(NEEDS)),
  needsOther: optionalText,
  specifics: optionalText,
});

const fileSchema = z.object({
  agency: z.string().default(''),
  versionNumber: z.number().int().nullable().default(null),
  approvedAt: z.string().nullable().default(null),
  entries: z.array(z.unknown()),
});

const FIELD_NAMES: Record<keyof RegistryEntry, string> = {
  area: COLUMN_TITLES.area,
  areaClientKind: 'Клиент направления (внешний/внутренний)',
  process: COLUMN_TITLES.process,
  processClientKind: 'Клиент процесса (внешний/внутренний)',
  unit: 'Структурное подразделение',
  touchpoint: COLUMN_TITLES.touchpoint,
  mode: 'Вид точки (онлайн/офлайн)',
  channel: 'Канал',
  address: 'Адрес',
  needs: COLUMN_TITLES.needs,
  needsOther: 'Другие потребности клиента',
  specifics: COLUMN_TITLES.specifics,
};

function pick(entry: RegistryEntry): RegistryEntry {
  return {
    area: entry.area,
    areaClientKind: entry.areaClientKind,
    process: entry.process,
    processClientKind: entry.processClientKind,
    unit: entry.unit,
    touchpoint: entry.touchpoint,
    mode: entry.mode,
    channel: entry.channel,
    address: entry.address,
    needs: [...entry.needs],
    needsOther: entry.needsOther,
    specifics: entry.specifics,
  };
}

/** Every field of every row, with the version it belongs to; stable key order, two-space indent. */
export function writeRegistryJson(entries: RegistryEntry[], meta: RegistryFileMeta): Buffer {
  const document = {
    format: JSON_FORMAT,
    formatVersion: JSON_FORMAT_VERSION,
    title: registryTitle(meta.agency),
    agency: meta.agency,
    versionNumber: meta.versionNumber,
    approvedAt: meta.approvedAt,
    entries: entries.map(pick),
  };
  return Buffer.from(JSON.stringify(document, null, 2) + '\n', 'utf8');
}

export interface ParsedJson extends ParsedEntries {
  meta: RegistryFileMeta | null;
}

/**
 * Read a JSON export back. Row numbers count entries from 1. A bare array of entries is
 * accepted too. Duplicates process × touchpoint are reported as in the tables (seed 000 §4.11).
 */
export function readRegistryJson(buffer: Buffer): ParsedJson {
  const result: ParsedJson = { meta: null, entries: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    result.problems.push({
      rowNumber: 0,
      code: 'unreadable_file',
      message: 'Не удалось прочитать файл: это не JSON.',
    });
    return result;
  }
  const file = fileSchema.safeParse(Array.isArray(data) ? { entries: data } : data);
  if (!file.success) {
    result.problems.push({
      rowNumber: 0,
      code: 'no_header',
      message: 'В файле JSON нет списка строк перечня (поле «entries»).',
    });
    return result;
  }
  const { entries, ...meta } = file.data;
  result.meta = meta;
  const firstRowOf = new Map<string, number>();
  entries.forEach((raw, index) => {
    const rowNumber = index + 1;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
      for (const field of fields) result.problems.push(fieldProblem(rowNumber, field));
      return;
    }
    const entry = parsed.data;
    const key = referenceKey(entry.area, entry.process, entry.touchpoint);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      result.problems.push({
        rowNumber,
        column: COLUMN_TITLES.touchpoint,
        code: 'duplicate_row',
        message: `Строка ${rowNumber}: точка взаимодействия «${entry.touchpoint}» уже указана для процесса «${entry.process}» в строке ${first} (п. 4.11 порядка).`,
      });
      return;
    }
    firstRowOf.set(key, rowNumber);
    result.entries.push({ rowNumber, entry });
  });
  return result;
}

function fieldProblem(rowNumber: number, field: string): RegistryProblem {
  const column = field in FIELD_NAMES ? FIELD_NAMES[field as keyof RegistryEntry] : field;
  const code: RegistryProblem['code'] =
    field === 'process'
      ? 'missing_process'
      : field === 'touchpoint'
        ? 'missing_touchpoint'
        : 'bad_field';
  return {
    rowNumber,
    column,
    code,
    message: `Строка ${rowNumber}: поле «${column}» не заполнено или заполнено неверно.`,
  };
}
