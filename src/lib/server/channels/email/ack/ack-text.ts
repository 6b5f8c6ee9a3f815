import { MOSCOW_TIME_ZONE } from '../../../../domain/calendar/dates';

export interface AckInput {
  number: string;
  /** «Имя Отчество» when known (seed 000 §3.5: address the client by name). */
  addressName: string | null;
  registeredAt: string;
  answerDueAt: string | null;
  trackingUrl: string;
  /** This acknowledgement's own survey link (seed 000 §3.4 и: feedback on every action). */
  surveyUrl?: string;
  agency: string;
  /** What the client sent: an e-mail (default) or a web form. */
  via?: 'email' | 'webform';
}

const day = new Intl.DateTimeFormat('ru-RU', {
  timeZone: MOSCOW_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** «2 марта 2026 г.» */
export function russianDate(iso: string): string {
  return day.format(new Date(iso));
}

export function ackSubject(number: string): string {
  return `Ваше обращение зарегистрировано под номером ${number} [#${number}]`;
}

/**
 * The acknowledgement of receipt (первичная обратная связь, seed 001 §3.2.6, seed 004 §10): the
 * number, when to expect the answer, and where to follow the appeal. Without a set deadline the
 * answer is due within 30 days of registration (Federal Law 59-FZ, art. 12 part 1).
 */
export function ackText(a: AckInput): string {
  const due = a.answerDueAt
    ? `Ответ мы направим не позднее ${russianDate(a.answerDueAt)}.`
    : 'Ответ мы направим в течение 30 дней со дня регистрации обращения.';
  return [
    a.addressName ? `Здравствуйте, ${a.addressName}!` : 'Здравствуйте!',
    '',
    `Мы получили ваше ${a.via === 'webform' ? 'обращение с сайта' : 'письмо'} и зарегистрировали его ${russianDate(a.registeredAt)} под номером ${a.number}. ${due}`,
    '',
    `Следить за ходом рассмотрения можно по ссылке: ${a.trackingUrl}`,
    '',
    ...(a.surveyUrl
      ? [`Оцените, пожалуйста, как мы приняли ваше обращение: ${a.surveyUrl}`, '']
      : []),
    `Если захотите дополнить обращение, ответьте на это письмо или укажите номер [#${a.number}] в теме письма.`,
    '',
    'Это письмо отправлено автоматически.',
    '',
    a.agency,
  ].join('\n');
}
