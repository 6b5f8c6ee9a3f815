import { NEEDS, NEED_LABELS, type RegistryEntry } from '../../../domain/registry/vocabulary';
import type { RegistryFileMeta } from './types';
import { formatRuDate } from './text';

export interface AreaGroup {
  /** The area's № in the form, from 1. */
  number: number;
  area: string;
  entries: RegistryEntry[];
}

/**
 * Rows grouped by area as in the seed 004 annex form. Areas keep the order of their first
 * row (callers pass rows in the areas' registry order); rows keep their order inside an area.
 */
export function groupByArea(entries: RegistryEntry[]): AreaGroup[] {
  const groups = new Map<string, AreaGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.area);
    if (!group) {
      group = { number: groups.size + 1, area: entry.area, entries: [] };
      groups.set(entry.area, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}

/** Column 5: one need a line in the order of seed 000 §4.9; «other» prints its own text. */
export function needLines(entry: Pick<RegistryEntry, 'needs' | 'needsOther'>): string[] {
  return NEEDS.filter((need) => entry.needs.includes(need)).map((need) =>
    need === 'other' && entry.needsOther ? entry.needsOther : NEED_LABELS[need],
  );
}

/** «Версия № 3 от 05.03.2026», or the working copy's note. */
export function versionLine(meta: RegistryFileMeta): string {
  if (meta.versionNumber === null) return 'Рабочая версия, не утверждена';
  const date = meta.approvedAt ? ` от ${formatRuDate(meta.approvedAt)}` : '';
  return `Версия № ${meta.versionNumber}${date}`;
}
