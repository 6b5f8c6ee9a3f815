import { en } from './en';
import { ru, type MessageKey } from './ru';

export type { MessageKey } from './ru';
export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

const catalogs: Record<Locale, Record<MessageKey, string>> = { ru, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isMessageKey(key: string): key is MessageKey {
  return key in ru;
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const text = catalog[key] ?? ru[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => String(params[name] ?? m)) : text;
  };
}

export function pickLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'ru';
}
