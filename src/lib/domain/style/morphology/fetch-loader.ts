import type { DictionaryLoader } from './morphology';

/** A loader for a browser worker: fetches the dictionary files from `baseUrl` (e.g. `/style/dicts/`). */
export function fetchDictionaryLoader(baseUrl: string): DictionaryLoader {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (file) => {
    const res = await fetch(`${base}${file}`);
    if (!res.ok) throw new Error(`dictionary file ${file}: HTTP ${res.status}`);
    return file.endsWith('.json') ? res.text() : res.arrayBuffer();
  };
}
