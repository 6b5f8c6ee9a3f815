import { getContext, setContext } from 'svelte';
import { isMessageKey, translator, type Locale, type Params, type Translate } from './messages';

const KEY = Symbol('i18n');

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  /** For keys that arrive as data (server errors): unknown ones read as a generic error. */
  readonly message: (key: string, params?: Params | null) => string;
}

/** Called once by the root layout with a getter so a locale change re-renders everything. */
export function provideI18n(getLocale: () => Locale): void {
  setContext<I18n>(KEY, {
    get locale() {
      return getLocale();
    },
    get t() {
      return translator(getLocale());
    },
    get message() {
      const t = translator(getLocale());
      return (key: string, params?: Params | null) =>
        t(isMessageKey(key) ? key : 'errors.internal', params ?? undefined);
    },
  });
}

export function useI18n(): I18n {
  return getContext<I18n>(KEY);
}
