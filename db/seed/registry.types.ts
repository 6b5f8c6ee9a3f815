import type {
  Channel,
  ClientKind,
  Mode,
  RegistryEntry,
} from '../../src/lib/domain/registry/vocabulary';

/** Shape of `db/seed/registry.json`: the demo ministry's touchpoint registry. */
export interface DemoRegistry {
  /** The agency named in the form's title. */
  agency: string;
  note: string;
  /** Activity areas in the form's order (seed 004 §16, seed 000 §4.6); `position` starts at 1. */
  areas: DemoArea[];
  /** Every touchpoint the entries use, described once; entries repeat mode, channel and address. */
  touchpoints: DemoTouchpoint[];
  entries: DemoRegistryEntry[];
}

export interface DemoArea {
  name: string;
  clientKind: ClientKind;
  position: number;
}

export interface DemoTouchpoint {
  name: string;
  mode: Mode;
  channel: Channel;
  address: string | null;
  description: string | null;
}

/** A registry row; `unit` is the name of one of `DEMO_UNITS` (db/seed/units.ts). */
export type DemoRegistryEntry = RegistryEntry;
