import {
  CHANNELS,
  CLIENT_KINDS,
  MODES,
  type Channel,
  type ClientKind,
  type Mode,
} from '../../../domain/registry/vocabulary';
import { foldKey } from './text';

/** Russian words the «Справочник» sheet prints for the closed vocabularies. */
export const MODE_WORDS: Record<Mode, string> = { online: 'онлайн', offline: 'офлайн' };

export const CLIENT_KIND_WORDS: Record<ClientKind, string> = {
  external: 'внешний',
  internal: 'внутренний',
};

export const CHANNEL_WORDS: Record<Channel, string> = {
  email: 'электронная почта',
  webform: 'веб-форма',
  phone: 'телефон',
  portal: 'портал',
  social: 'социальная сеть',
  messenger: 'мессенджер',
  chatbot: 'чат-бот',
  post: 'почтовая связь',
  in_person: 'личный приём',
  edms: 'СЭД',
  video: 'видеосвязь',
  other: 'иное',
};

function wordParser<T extends string>(
  codes: readonly T[],
  words: Record<T, string>,
  synonyms: Record<string, T> = {},
) {
  const byWord = new Map<string, T>();
  for (const code of codes) {
    byWord.set(foldKey(code), code);
    byWord.set(foldKey(words[code]), code);
  }
  for (const [word, code] of Object.entries(synonyms)) byWord.set(foldKey(word), code);
  return (value: string): T | null => byWord.get(foldKey(value)) ?? null;
}

/** Accept the code or its Russian word, as an export or a person writes it. */
/** Seed 004 §6 says «цифровые» and «нецифровые (оффлайн)» for the same split. */
export const parseMode = wordParser(MODES, MODE_WORDS, {
  оффлайн: 'offline',
  цифровая: 'online',
  нецифровая: 'offline',
});
export const parseChannel = wordParser(CHANNELS, CHANNEL_WORDS);
export const parseClientKind = wordParser(CLIENT_KINDS, CLIENT_KIND_WORDS);
