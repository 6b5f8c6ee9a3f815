import { normalizeEntry } from '../../domain/registry/rules';
import type { RegistryEntry } from '../../domain/registry/vocabulary';
import type { RegistryRowView } from './registry.queries';

/** The row as versions and exports hold it, normalised as the rules define. */
export function toEntry(row: RegistryRowView): RegistryEntry {
  return normalizeEntry({
    area: row.area,
    areaClientKind: row.areaClientKind,
    process: row.process,
    processClientKind: row.clientKind,
    unit: row.unit,
    touchpoint: row.touchpoint,
    mode: row.mode,
    channel: row.channel,
    address: row.address,
    needs: row.needs,
    needsOther: row.needsOther,
    specifics: row.specifics,
  });
}
