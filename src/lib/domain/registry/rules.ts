import {
  hasErrors,
  type IssueParams,
  type RegistryIssue,
  type RegistryIssueCode,
} from './messages';
import { ADDRESS_EXPECTED, expectedMode } from './modes';
import { matchNeed, splitNeedsText } from './needs-text';
import { charLength, cleanLine, cleanMultiline, emptyToNull } from './text';
import {
  CHANNELS,
  CLIENT_KINDS,
  MODES,
  NEEDS,
  type Channel,
  type ClientKind,
  type Mode,
  type Need,
  type RegistryEntry,
} from './vocabulary';

/** Longest accepted text per field, counted after trimming. */
export const LIMITS = {
  area: 300,
  process: 500,
  unit: 200,
  touchpoint: 300,
  address: 300,
  needsOther: 1000,
  specifics: 2000,
} as const satisfies Partial<Record<keyof RegistryEntry, number>>;

type TextField = keyof typeof LIMITS;

const REQUIRED: readonly TextField[] = ['area', 'process', 'touchpoint'];

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  (list as readonly unknown[]).includes(v);

/**
 * The entry as it is stored: names on one line with single spaces, long texts trimmed line by
 * line, empty optional texts as null, needs without repeats in the order of seed 000 §4.9.
 * Values outside the vocabularies are kept so that the rules can name them.
 */
export function normalizeEntry(entry: RegistryEntry): RegistryEntry {
  const raw: unknown[] = Array.isArray(entry.needs) ? entry.needs : [];
  const known = NEEDS.filter((n) => raw.includes(n));
  const unknown = [...new Set(raw.filter((n) => !isOneOf(NEEDS, n)))] as Need[];
  return {
    area: cleanLine(text(entry.area)),
    areaClientKind: entry.areaClientKind,
    process: cleanLine(text(entry.process)),
    processClientKind: entry.processClientKind,
    unit: emptyToNull(cleanLine(text(entry.unit))),
    touchpoint: cleanLine(text(entry.touchpoint)),
    mode: entry.mode,
    channel: entry.channel,
    address: emptyToNull(cleanLine(text(entry.address))),
    needs: [...known, ...unknown],
    needsOther: emptyToNull(cleanMultiline(text(entry.needsOther))),
    specifics: emptyToNull(cleanMultiline(text(entry.specifics))),
  };
}

function issue(
  code: RegistryIssueCode,
  severity: RegistryIssue['severity'],
  index: number | undefined,
  field: keyof RegistryEntry | undefined,
  params: IssueParams = {},
): RegistryIssue {
  return {
    code,
    severity,
    ...(index === undefined ? {} : { index }),
    ...(field ? { field } : {}),
    params,
  };
}

const EMAIL = /[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+/;

/** The rules one row must meet on its own; `index` is copied into every finding. */
export function validateEntry(entry: RegistryEntry, index?: number): RegistryIssue[] {
  const out: RegistryIssue[] = [];
  const n = normalizeEntry(entry);
  const add = (
    code: RegistryIssueCode,
    severity: RegistryIssue['severity'],
    field?: keyof RegistryEntry,
    params?: IssueParams,
  ) => out.push(issue(code, severity, index, field, params));

  for (const f of REQUIRED) if (!n[f]) add('registry.required', 'error', f, { field: f });
  for (const f of Object.keys(LIMITS) as TextField[]) {
    const length = charLength(n[f] ?? '');
    if (length > LIMITS[f])
      add('registry.tooLong', 'error', f, { field: f, max: LIMITS[f], length });
  }

  const enums: [keyof RegistryEntry, readonly string[], unknown][] = [
    ['mode', MODES, entry.mode],
    ['channel', CHANNELS, entry.channel],
    ['areaClientKind', CLIENT_KINDS, entry.areaClientKind],
    ['processClientKind', CLIENT_KINDS, entry.processClientKind],
  ];
  for (const [f, list, v] of enums) {
    if (!isOneOf(list, v))
      add('registry.invalidValue', 'error', f, { field: f, value: String(v ?? '') });
  }

  // Seed 000 §4.9, seed 004 §19: every touchpoint states the client needs met there.
  const raw: unknown[] = Array.isArray(entry.needs) ? entry.needs : [];
  if (raw.length === 0) add('registry.noNeeds', 'error', 'needs');
  const seen = new Set<unknown>();
  for (const v of raw) {
    if (!isOneOf(NEEDS, v)) add('registry.unknownNeed', 'error', 'needs', { value: String(v) });
    else if (seen.has(v)) add('registry.duplicateNeed', 'warning', 'needs', { need: v });
    seen.add(v);
  }
  const hasOther = n.needs.includes('other');
  if (hasOther && !n.needsOther) add('registry.otherWithoutText', 'error', 'needsOther');
  if (!hasOther && n.needsOther) add('registry.textWithoutOther', 'error', 'needsOther');
  if (n.needsOther) {
    for (const item of splitNeedsText(n.needsOther)) {
      const standard = matchNeed(item);
      if (standard)
        add('registry.otherIsStandard', 'warning', 'needsOther', { text: item, need: standard });
    }
  }

  if (isOneOf(CHANNELS, entry.channel) && isOneOf(MODES, entry.mode)) {
    const expected = expectedMode(entry.channel);
    if (expected && expected !== entry.mode) {
      add('registry.modeMismatch', 'error', 'mode', {
        channel: entry.channel,
        mode: entry.mode,
        expected,
      });
    }
  }
  if (
    isOneOf(CLIENT_KINDS, entry.areaClientKind) &&
    isOneOf(CLIENT_KINDS, entry.processClientKind) &&
    entry.areaClientKind !== entry.processClientKind
  ) {
    add('registry.clientKindMismatch', 'warning', 'processClientKind', {
      areaKind: entry.areaClientKind,
      processKind: entry.processClientKind,
    });
  }
  if (isOneOf(CHANNELS, entry.channel)) {
    if (!n.address && ADDRESS_EXPECTED.has(entry.channel)) {
      add('registry.addressMissing', 'warning', 'address', { channel: entry.channel });
    }
    if (n.address && entry.channel === 'email' && !EMAIL.test(n.address)) {
      add('registry.addressNotEmail', 'warning', 'address', { address: n.address });
    }
  }
  return out;
}

/** Names compared as people read them: case, «ё» and spacing do not make a different touchpoint. */
export function nameKey(...names: string[]): string {
  return names.map((s) => cleanLine(s).toLowerCase().replace(/ё/g, 'е')).join('\u0000');
}

export interface RegistryCheck {
  /** No errors: the list may be approved or imported. Warnings do not block. */
  ok: boolean;
  issues: RegistryIssue[];
}

export interface RegistryCheckOptions {
  /** How rows are numbered in messages (an import passes its file rows); default position + 1. */
  rowNumber?: (index: number) => number;
}

interface Seen<T> {
  index: number;
  value: T;
}

/**
 * The rules of the whole list: every row's own rules, then one row per touchpoint within a
 * process (seed 000 §4.11, seed 004 §22, seed 001 §2.8.3), and the same description of an area,
 * a process and a touchpoint wherever they recur. Nothing is ever removed here: a touchpoint
 * with little traffic is listed like any other (seed 000 §4.7, seed 004 §17).
 */
export function validateRegistry(
  entries: readonly RegistryEntry[],
  options: RegistryCheckOptions = {},
): RegistryCheck {
  const rowNumber = options.rowNumber ?? ((i: number) => i + 1);
  const issues: RegistryIssue[] = [];
  if (entries.length === 0) issues.push(issue('registry.empty', 'error', undefined, undefined));

  const areas = new Map<string, Seen<ClientKind>>();
  const processes = new Map<string, Seen<{ processClientKind: ClientKind; unit: string | null }>>();
  const processAreas = new Map<string, { name: string; areas: string[]; index: number }>();
  const touchpoints = new Map<
    string,
    Seen<{ mode: Mode; channel: Channel; address: string | null }>
  >();
  const rows = new Map<string, number>();

  entries.forEach((entry, index) => {
    issues.push(...validateEntry(entry, index));
    const n = normalizeEntry(entry);
    const add = (code: RegistryIssueCode, field: keyof RegistryEntry, params: IssueParams) =>
      issues.push(issue(code, 'error', index, field, params));

    if (n.area) {
      const first = areas.get(nameKey(n.area));
      if (!first) areas.set(nameKey(n.area), { index, value: n.areaClientKind });
      else if (first.value !== n.areaClientKind) {
        add('registry.areaConflict', 'areaClientKind', {
          area: n.area,
          first: first.value,
          second: n.areaClientKind,
          firstRow: rowNumber(first.index),
        });
      }
    }

    if (n.area && n.process) {
      const key = nameKey(n.area, n.process);
      const first = processes.get(key);
      if (!first) processes.set(key, { index, value: n });
      else {
        for (const field of ['processClientKind', 'unit'] as const) {
          if (first.value[field] !== n[field]) {
            add('registry.processConflict', field, {
              process: n.process,
              field,
              first: first.value[field] ?? '',
              second: n[field] ?? '',
              firstRow: rowNumber(first.index),
            });
          }
        }
      }
      const byName = processAreas.get(nameKey(n.process)) ?? { name: n.process, areas: [], index };
      if (!byName.areas.some((a) => nameKey(a) === nameKey(n.area))) {
        byName.areas.push(n.area);
        if (byName.areas.length === 2) byName.index = index;
      }
      processAreas.set(nameKey(n.process), byName);
    }

    if (n.touchpoint) {
      const first = touchpoints.get(nameKey(n.touchpoint));
      if (!first) touchpoints.set(nameKey(n.touchpoint), { index, value: n });
      else {
        for (const field of ['mode', 'channel', 'address'] as const) {
          if (first.value[field] !== n[field]) {
            add('registry.touchpointConflict', field, {
              touchpoint: n.touchpoint,
              field,
              first: first.value[field] ?? '',
              second: n[field] ?? '',
              firstRow: rowNumber(first.index),
            });
          }
        }
      }
    }

    if (n.area && n.process && n.touchpoint) {
      const key = nameKey(n.area, n.process, n.touchpoint);
      const first = rows.get(key);
      if (first === undefined) rows.set(key, index);
      else {
        add('registry.duplicateTouchpoint', 'touchpoint', {
          area: n.area,
          process: n.process,
          touchpoint: n.touchpoint,
          firstRow: rowNumber(first),
        });
      }
    }
  });

  for (const p of processAreas.values()) {
    if (p.areas.length > 1) {
      issues.push(
        issue('registry.processInSeveralAreas', 'warning', p.index, 'process', {
          process: p.name,
          areas: p.areas.map((a) => `«${a}»`).join(', '),
        }),
      );
    }
  }

  issues.sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  return { ok: !hasErrors(issues), issues };
}
