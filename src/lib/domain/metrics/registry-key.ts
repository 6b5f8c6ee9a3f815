import { entryKey } from '../registry/diff';

/** Registry rows as the pages and exports know them: by process and touchpoint name. */
export const registryFigureKey = (process: string, touchpoint: string) =>
  entryKey({ process, touchpoint });
