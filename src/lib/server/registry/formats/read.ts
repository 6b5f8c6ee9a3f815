export { readRegistryFile } from './read-file';
export { readRegistryJson } from './json';
export { tableToEntries, type EntryMappingDeps } from './table-to-entries';
