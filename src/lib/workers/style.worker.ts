/// <reference lib="webworker" />
import { createChecker, fetchDictionaryLoader, type CheckOptions } from '../domain/style';

// The composer's checker runs here so typing never waits for it (issue 8).
const checker = createChecker({ loadDictionary: fetchDictionaryLoader('/style-dicts/') });

self.onmessage = async (e: MessageEvent<{ id: number; text: string; options: CheckOptions }>) => {
  try {
    const result = (await checker).check(e.data.text, e.data.options);
    self.postMessage({ id: e.data.id, result });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: err instanceof Error ? err.message : String(err) });
  }
};
