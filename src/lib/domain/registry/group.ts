import { cleanLine } from './text';
import type { ClientKind, RegistryEntry } from './vocabulary';

export interface ProcessGroup {
  process: string;
  clientKind: ClientKind;
  unit: string | null;
  entries: RegistryEntry[];
}

export interface AreaGroup {
  /** 1-based number of the area, column 1 of the form (seed 004 annex). */
  number: number;
  area: string;
  clientKind: ClientKind;
  processes: ProcessGroup[];
  /** The area's rows, each process's rows together, in the order of `processes`. */
  entries: RegistryEntry[];
}

/**
 * Rows grouped as the official form prints them: by area (column 2), and within an area by
 * process (column 3). Areas follow `areaOrder` when given (the admin's positions), then their
 * first appearance; processes and rows keep their first appearance. Grouping is stable, so the
 * same list always gives the same form.
 */
export function groupByArea(
  entries: readonly RegistryEntry[],
  areaOrder: readonly string[] = [],
): AreaGroup[] {
  const areas = new Map<
    string,
    { area: string; clientKind: ClientKind; processes: Map<string, ProcessGroup> }
  >();
  for (const entry of entries) {
    const areaName = cleanLine(entry.area);
    let area = areas.get(areaName);
    if (!area) {
      area = { area: areaName, clientKind: entry.areaClientKind, processes: new Map() };
      areas.set(areaName, area);
    }
    const processName = cleanLine(entry.process);
    let process = area.processes.get(processName);
    if (!process) {
      process = {
        process: processName,
        clientKind: entry.processClientKind,
        unit: entry.unit,
        entries: [],
      };
      area.processes.set(processName, process);
    }
    process.entries.push(entry);
  }
  const rank = new Map(areaOrder.map((name, i) => [cleanLine(name), i]));
  const appearance = [...areas.keys()];
  const position = (name: string) => rank.get(name) ?? areaOrder.length + appearance.indexOf(name);
  return appearance
    .sort((x, y) => position(x) - position(y))
    .map((name, i) => {
      const a = areas.get(name)!;
      const processes = [...a.processes.values()];
      return {
        number: i + 1,
        area: a.area,
        clientKind: a.clientKind,
        processes,
        entries: processes.flatMap((p) => p.entries),
      };
    });
}
