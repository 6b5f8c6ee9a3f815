import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { translator } from '../../src/lib/i18n/messages';
import { ru } from '../../src/lib/i18n/ru';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('translates every Russian key into English with the same placeholders', () => {
    for (const [key, text] of Object.entries(ru)) {
      const english = en[key as keyof typeof en];
      expect(english, key).toBeTruthy();
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('ru');
    expect(t('auth.locked', { minutes: 4 })).toBe(
      'Слишком много неудачных попыток. Повторите вход через 4 мин.',
    );
    expect(translator('en')('auth.locked')).toContain('{minutes}');
  });
});
