import type { ClientKind } from '../../../domain/registry/vocabulary';
import { inferTouchpoint } from './infer-touchpoint';
import { foldKey, referenceKey } from './text';
import type { FileReference, ProcessFacts, ReferenceLookup, TouchpointFacts } from './types';

/** An area is internal when its name says so (seed 004 §16: «…с внутренним клиентом»). */
export function inferAreaClientKind(area: string): ClientKind {
  return /внутренн/.test(foldKey(area)) ? 'internal' : 'external';
}

function folded<V>(map: ReadonlyMap<string, V> | undefined): Map<string, V> {
  return new Map([...(map ?? new Map<string, V>())].map(([name, value]) => [foldKey(name), value]));
}

export interface FactsResolver {
  area(area: string): ClientKind;
  process(area: string, process: string): ProcessFacts;
  touchpoint(touchpoint: string): TouchpointFacts;
}

/**
 * Facts the six columns do not carry, in order of trust: the file's own «Справочник» sheet,
 * then what the caller already knows by name, then a guess from the name.
 */
export function factsResolver(
  file: FileReference | null,
  lookup: ReferenceLookup | undefined,
): FactsResolver {
  const areas = folded(lookup?.areas);
  const processes = folded(lookup?.processes);
  const touchpoints = folded(lookup?.touchpoints);
  const area = (name: string): ClientKind =>
    file?.areas.get(referenceKey(name)) ?? areas.get(foldKey(name)) ?? inferAreaClientKind(name);
  return {
    area,
    process: (areaName, name) =>
      file?.processes.get(referenceKey(areaName, name)) ??
      processes.get(referenceKey(areaName, name)) ??
      processes.get(foldKey(name)) ?? { unit: null, clientKind: area(areaName) },
    touchpoint: (name) =>
      file?.touchpoints.get(referenceKey(name)) ??
      touchpoints.get(foldKey(name)) ??
      inferTouchpoint(name),
  };
}
