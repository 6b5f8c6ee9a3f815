/// <reference lib="webworker" />
import {
  createChecker,
  fetchDictionaryLoader,
  type AgencyLexicon,
  type Checker,
  type CheckOptions,
} from '../domain/style';

// The composer's checker runs here so typing never waits for it (issue 8).
let checker: Promise<Checker> | null = null;

type Message =
  | { type: 'init'; lexicon: AgencyLexicon }
  | { type: 'check'; id: number; text: string; options: CheckOptions };

self.onmessage = async (e: MessageEvent<Message>) => {
  if (e.data.type === 'init') {
    checker = createChecker({
      loadDictionary: fetchDictionaryLoader('/style-dicts/'),
      lexicon: e.data.lexicon,
    });
    return;
  }
  const { id, text, options } = e.data;
  try {
    if (!checker) throw new Error('checker not initialised');
    self.postMessage({ id, result: (await checker).check(text, options) });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
