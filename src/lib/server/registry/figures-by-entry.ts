import { entryKey } from '../../domain/registry/diff';
import type { RegistryFigures } from '../metrics/metrics.service';
import type { RegistryRowView } from './registry.queries';
import { toEntry } from './to-entry';

/** Each registry row's figures keyed by its process and touchpoint (entryKey), as the page and the workbook find them. */
export function figuresByEntry(
  rows: RegistryRowView[],
  figures: RegistryFigures,
): Record<string, RegistryFigures['rows'][string]> {
  return Object.fromEntries(
    rows.map((r) => [entryKey(toEntry(r)), figures.rows[`${r.touchpointId}:${r.processId}`]!]),
  );
}
