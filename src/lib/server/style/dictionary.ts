import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DictionaryLoader } from '../../domain/style/morphology/morphology';

/** Where npm `az` keeps its OpenCorpora dictionary files. */
export function azDictionaryDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('az/package.json')), 'dicts');
}

/** Reads the dictionary files from disk (the browser worker fetches the same files instead). */
export function nodeDictionaryLoader(dir = azDictionaryDir()): DictionaryLoader {
  return async (file) => {
    const data = await readFile(path.join(dir, file));
    if (file.endsWith('.json')) return data.toString('utf8');
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  };
}
