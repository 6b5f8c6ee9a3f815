import { describe, expect, it } from 'vitest';
import { explainMailError } from '../../src/lib/domain/mail/explain-error';
import { translator } from '../../src/lib/i18n/messages';

const ru = translator('ru');

describe('explainMailError', () => {
  it('says in words what the errors our mail clients really report mean', () => {
    const cases: [string, RegExp][] = [
      ['connect ECONNREFUSED 127.0.0.1:1143', /не принимает соединения/],
      ['Command failed: AUTHENTICATIONFAILED Authentication failed.', /логин или пароль/],
      ['Invalid login: 535 5.7.8 Error: authentication failed', /логин или пароль/],
      ['getaddrinfo ENOTFOUND imap.example.ru', /Адрес почтового сервера не найден/],
      ['connect ETIMEDOUT 10.0.0.5:993', /не ответил вовремя/],
      ['self-signed certificate in certificate chain', /Сертификат/],
      ['ENOSPC: no space left on device, write', /кончилось место/],
      ['read ECONNRESET', /оборвалось/],
      ['no mailbox is configured for this touchpoint', /не настроен почтовый ящик/],
    ];
    for (const [raw, expected] of cases) {
      const key = explainMailError(raw);
      expect(key, raw).not.toBeNull();
      expect(ru(key!), raw).toMatch(expected);
    }
  });

  it('leaves an unknown error to its own words', () => {
    expect(explainMailError('550 5.1.1 Mailbox does not exist')).toBeNull();
    expect(explainMailError(null)).toBeNull();
  });
});
