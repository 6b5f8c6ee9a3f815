import type { Channel, ClientKind, Mode, RegistryEntry } from '../../../domain/registry/vocabulary';

/** What the exports print beside the rows: the form's title and the approved version. */
export interface RegistryFileMeta {
  agency: string;
  versionNumber: number | null;
  /** ISO date or date-time of approval; null for a working copy. */
  approvedAt: string | null;
}

export interface RegistryProblem {
  /** The row number the user sees: the Excel row, the CSV line, the JSON entry's position. */
  rowNumber: number;
  column?: string;
  code: RegistryProblemCode;
  message: string;
}

export type RegistryProblemCode =
  | 'unreadable_file'
  | 'no_header'
  | 'no_needs_column'
  | 'missing_area'
  | 'missing_process'
  | 'missing_touchpoint'
  | 'missing_needs'
  | 'duplicate_row'
  | 'bad_reference'
  | 'bad_field';

/** One row of a sheet or one CSV record, cells as trimmed-at-the-edges text. */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

export interface ProcessFacts {
  unit: string | null;
  clientKind: ClientKind;
}

export interface TouchpointFacts {
  mode: Mode;
  channel: Channel;
  address: string | null;
}

/** The «Справочник» sheet of an Otklik export, keyed by `referenceKey` of the names. */
export interface FileReference {
  areas: Map<string, ClientKind>;
  /** Keyed by `referenceKey(area, process)`. */
  processes: Map<string, ProcessFacts>;
  touchpoints: Map<string, TouchpointFacts>;
}

/**
 * Existing areas, processes and touchpoints as the caller knows them, keyed by `referenceKey` of
 * the name (processes by `referenceKey(area, process)`, or by the process name alone).
 */
export interface ReferenceLookup {
  areas?: ReadonlyMap<string, ClientKind>;
  processes?: ReadonlyMap<string, ProcessFacts>;
  touchpoints?: ReadonlyMap<string, TouchpointFacts>;
}

export interface ParsedTable {
  fileName: string;
  format: 'xlsx' | 'csv' | null;
  /** Every non-empty row of the sheet holding the form, title and header included. */
  rows: SheetRow[];
  reference: FileReference | null;
  problems: RegistryProblem[];
}

export interface ParsedEntries {
  entries: Array<{ rowNumber: number; entry: RegistryEntry }>;
  problems: RegistryProblem[];
}
