import { normalizeEntry } from './rules';
import { cleanLine } from './text';
import { NEEDS, type RegistryEntry } from './vocabulary';

export interface EntryKey {
  process: string;
  touchpoint: string;
}

/** Every field of a row except the key, in the order of the form's columns. */
export const COMPARED_FIELDS = [
  'area',
  'areaClientKind',
  'processClientKind',
  'unit',
  'mode',
  'channel',
  'address',
  'needs',
  'needsOther',
  'specifics',
] as const satisfies readonly (keyof RegistryEntry)[];

export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FieldChange<F extends ComparedField = ComparedField> {
  field: F;
  before: RegistryEntry[F];
  after: RegistryEntry[F];
}

export interface ChangedEntry {
  key: EntryKey;
  before: RegistryEntry;
  after: RegistryEntry;
  fields: FieldChange[];
}

export interface RegistryDiff {
  added: RegistryEntry[];
  removed: RegistryEntry[];
  changed: ChangedEntry[];
}

/** The identity of a row across versions: its process and its touchpoint (seed 000 §4.11). */
export function entryKey(entry: Pick<RegistryEntry, 'process' | 'touchpoint'>): string {
  return `${cleanLine(entry.process)}\u0000${cleanLine(entry.touchpoint)}`;
}

function same(field: ComparedField, a: RegistryEntry, b: RegistryEntry): boolean {
  if (field === 'needs') {
    const x = NEEDS.filter((n) => a.needs.includes(n));
    const y = NEEDS.filter((n) => b.needs.includes(n));
    return x.length === y.length && x.every((n, i) => n === y[i]);
  }
  return a[field] === b[field];
}

function compare(before: RegistryEntry, after: RegistryEntry): FieldChange[] {
  const a = normalizeEntry(before);
  const b = normalizeEntry(after);
  return COMPARED_FIELDS.filter((f) => !same(f, a, b)).map(
    (field) => ({ field, before: a[field], after: b[field] }) as FieldChange,
  );
}

/**
 * Compares two versions of the registry row by row, keyed by (process, touchpoint), and for
 * rows present in both, field by field. Whitespace and the order of needs are not changes.
 * Rows are first paired within the same area, so that a process name repeated in two areas
 * still pairs correctly; a row whose process moved to another area shows as an `area` change.
 * Output follows the order of `b` (added, changed) and of `a` (removed).
 */
export function diffRegistries(
  a: readonly RegistryEntry[],
  b: readonly RegistryEntry[],
): RegistryDiff {
  const pairOf = new Map<number, number>();
  const taken = new Set<number>();

  const pass = (keyOf: (e: RegistryEntry) => string) => {
    const waiting = new Map<string, number[]>();
    a.forEach((e, i) => {
      if (pairOf.has(i)) return;
      const k = keyOf(e);
      waiting.set(k, [...(waiting.get(k) ?? []), i]);
    });
    b.forEach((e, j) => {
      if (taken.has(j)) return;
      const i = waiting.get(keyOf(e))?.shift();
      if (i === undefined) return;
      pairOf.set(i, j);
      taken.add(j);
    });
  };
  pass((e) => `${cleanLine(e.area)}\u0000${entryKey(e)}`);
  pass(entryKey);

  const beforeOf = new Map<number, number>([...pairOf].map(([i, j]) => [j, i]));
  const diff: RegistryDiff = { added: [], removed: [], changed: [] };
  b.forEach((after, j) => {
    const i = beforeOf.get(j);
    if (i === undefined) return void diff.added.push(after);
    const before = a[i] as RegistryEntry;
    const fields = compare(before, after);
    if (fields.length === 0) return;
    const n = normalizeEntry(after);
    diff.changed.push({
      key: { process: n.process, touchpoint: n.touchpoint },
      before,
      after,
      fields,
    });
  });
  a.forEach((before, i) => {
    if (!pairOf.has(i)) diff.removed.push(before);
  });
  return diff;
}
