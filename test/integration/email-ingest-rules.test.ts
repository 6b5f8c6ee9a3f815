import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ackText, russianDate } from '../../src/lib/server/channels/email/ack/ack-text';
import { noAckReason } from '../../src/lib/server/channels/email/filters/auto-reply';
import { nameFromDisplay } from '../../src/lib/server/channels/email/parse/display-name';
import { bounceReason, readDeliveryReport } from '../../src/lib/server/channels/email/parse/dsn';
import { sanitizeMailHtml } from '../../src/lib/server/channels/email/parse/html';
import {
  messageIdList,
  normalizeMessageId,
  syntheticMessageId,
} from '../../src/lib/server/channels/email/parse/message-id';
import { parseEmail } from '../../src/lib/server/channels/email/parse/parse';
import { repairHeaderCharset } from '../../src/lib/server/channels/email/parse/raw-headers';
import { parseImapUrl, parseSmtpUrl } from '../../src/lib/server/mailboxes/mailbox-url';

const mail = (headers: string[], body = 'Текст.') =>
  parseEmail(Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}\r\n`));

describe('acknowledgement rules (RFC 3834)', () => {
  const own = new Set(['obr@otklik.example']);
  const reason = async (headers: string[]) =>
    noAckReason(await mail(['From: a.client@mail.example', ...headers]), own);

  it('acknowledges an ordinary letter, and one marked «Auto-Submitted: no»', async () => {
    expect(await reason([])).toBeNull();
    expect(await reason(['Auto-Submitted: no'])).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-generated', 'auto-submitted'],
    ['Precedence: bulk', 'precedence: bulk'],
    ['Precedence: junk', 'precedence: junk'],
    ['List-Id: <x.list.example>', 'mailing list'],
    ['List-Unsubscribe: <mailto:u@list.example>', 'mailing list'],
    ['Return-Path: <>', 'null return-path'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['X-Autorespond: vacation', 'x-autorespond'],
    ['X-Auto-Response-Suppress: All', 'x-auto-response-suppress'],
  ])('never acknowledges %s', async (header, why) => {
    expect(await reason([header])).toContain(why);
  });

  it.each([
    'noreply@gosuslugi.example',
    'no-reply@bank.example',
    'do-not-reply@school.example',
    'MAILER-DAEMON@mx.example',
    'postmaster@mx.example',
    'bounces+123@list.example',
    'obr@otklik.example',
  ])('never acknowledges mail from %s', async (from) => {
    expect(noAckReason(await mail([`From: ${from}`]), own)).not.toBeNull();
  });

  it('writes the acknowledgement in plain Russian: number, answer date, link (seed 001 §3.2.6, 59-FZ art. 12)', () => {
    const base = {
      number: '2026-000123',
      addressName: 'Мария Петровна',
      registeredAt: '2026-03-02T09:00:00.000Z',
      trackingUrl: 'https://otklik.example/t/abc',
      agency: 'Министерство образования',
    };
    const noDeadline = ackText({ ...base, answerDueAt: null });
    expect(noDeadline).toMatch(/^Здравствуйте, Мария Петровна!/);
    expect(noDeadline).toContain('2 марта 2026 г. под номером 2026-000123');
    expect(noDeadline).toContain('в течение 30 дней со дня регистрации');
    expect(noDeadline).toContain('https://otklik.example/t/abc');
    expect(noDeadline).toContain('[#2026-000123]');
    expect(ackText({ ...base, answerDueAt: '2026-04-01T20:30:00.000Z' })).toContain(
      'не позднее 1 апреля 2026 г.',
    );
    // Moscow days: 22:30 UTC on 31 March is already 1 April in Moscow.
    expect(russianDate('2026-03-31T22:30:00.000Z')).toBe('1 апреля 2026 г.');
    expect(ackText({ ...base, addressName: null, answerDueAt: null })).toMatch(/^Здравствуйте!/);
  });
});

describe('client names from the From display name', () => {
  it.each([
    ['Иванова Мария Петровна', { surname: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' }],
    ['Мария Петровна Иванова', { firstName: 'Мария', patronymic: 'Петровна', surname: 'Иванова' }],
    ['Мария Иванова', { firstName: 'Мария', surname: 'Иванова' }],
    ['Петров Иван', { surname: 'Петров', firstName: 'Иван' }],
    ['Ivan Petrov', { firstName: 'Ivan', surname: 'Petrov' }],
    ['Марина', { firstName: 'Марина' }],
    ['Смирнов', { surname: 'Смирнов' }],
    ['ООО «Ромашка»', { organization: 'ООО «Ромашка»' }],
    ['Администрация Энского района', { organization: 'Администрация Энского района' }],
    ['ivan@mail.example', {}],
    ['', {}],
  ])('%s', (display, expected) => {
    expect(nameFromDisplay(display)).toEqual(expected);
  });
});

describe('Message-IDs', () => {
  it('normalises ids and lists references in order', () => {
    expect(normalizeMessageId(' abc@host ')).toBe('<abc@host>');
    expect(normalizeMessageId('<abc@host>')).toBe('<abc@host>');
    expect(normalizeMessageId('not an id')).toBeNull();
    expect(messageIdList('<a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
  });

  it('hashes a message without Message-ID to the same id in every mailbox it was delivered to', () => {
    const body = 'From: a@b.example\r\nSubject: s\r\n\r\nText\r\n';
    const one = Buffer.from(
      `Received: from mx1 by a; Mon, 2 Mar 2026\r\nDelivered-To: a@x\r\n${body}`,
    );
    const two = Buffer.from(
      `Return-Path: <a@b.example>\r\nReceived: from mx2\r\n  by b; Tue\r\nDelivered-To: b@x\r\n${body}`,
    );
    expect(syntheticMessageId(one)).toBe(syntheticMessageId(two));
    expect(syntheticMessageId(one)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(syntheticMessageId(Buffer.from(body.replace('Text', 'Other')))).not.toBe(
      syntheticMessageId(one),
    );
  });
});

describe('bounces', () => {
  it('reads a bounce that quotes the returned headers in its text (no RFC 3464 report)', () => {
    const report = readDeliveryReport(
      '',
      [],
      'Hi. This is the qmail-send program.\n<nobody@mail.example>:\n550 5.1.1 No such user\n--- Below this line is a copy of the message.\n\nMessage-ID: <otklik.7.ab@otklik.example>\nSubject: x',
    );
    expect(report.originalIds).toEqual(['<otklik.7.ab@otklik.example>']);
    expect(bounceReason(report)).toContain('без объяснения');
  });
});

describe('parsing details', () => {
  it('reads raw 8-bit KOI8-R headers in the declared charset', () => {
    const raw = Buffer.concat([
      Buffer.from('Subject: '),
      iconv.encode('Вопрос', 'koi8-r'),
      Buffer.from('\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n'),
      iconv.encode('Текст', 'koi8-r'),
    ]);
    const fixed = repairHeaderCharset(raw);
    expect(fixed.charset).toBe('koi8-r');
    expect(fixed.raw.toString('utf8')).toContain('Subject: Вопрос');
  });

  it('keeps safe markup and links, and drops everything that runs', () => {
    const html = sanitizeMailHtml(
      '<p style="x" onmouseover="a()">Да <a href="https://x.example" onclick="b()">ссылка</a></p><svg onload="c()"></svg><object data="x"></object><img src="cid:logo">',
    );
    expect(html).toBe(
      '<p>Да <a href="https://x.example" rel="noopener noreferrer nofollow" target="_blank">ссылка</a></p><img src="cid:logo" />',
    );
  });
});

describe('mailbox URLs', () => {
  it('reads IMAP and SMTP settings with defaults', () => {
    expect(
      parseImapUrl('imap://support%40otklik.test:p%40ss@127.0.0.1:14143/INBOX?tls=off'),
    ).toEqual({
      host: '127.0.0.1',
      port: 14143,
      tls: false,
      user: 'support@otklik.test',
      password: 'p@ss',
      folder: 'INBOX',
      sentFolder: null,
    });
    expect(parseImapUrl('imaps://u:p@mail.example/%D0%9E%D0%B1%D1%80?sent=Sent')).toMatchObject({
      port: 993,
      tls: true,
      folder: 'Обр',
      sentFolder: 'Sent',
    });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525?tls=off')).toEqual({
      host: '127.0.0.1',
      port: 2525,
      tls: false,
      user: null,
      password: null,
    });
    expect(parseSmtpUrl('smtps://u:p@mail.example')).toMatchObject({ port: 465, tls: true });
  });

  it.each([
    ['imap://host/INBOX', 'USER:PASSWORD'],
    ['pop3://u:p@host', 'imap://'],
    ['imap://u:p@host?tls=maybe', 'tls must be on or off'],
    ['nonsense', 'not a URL'],
  ])('refuses %s', (url, message) => {
    expect(() => parseImapUrl(url)).toThrow(message);
  });
});
