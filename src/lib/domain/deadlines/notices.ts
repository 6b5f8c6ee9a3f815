/**
 * Notices to the client that a disposition, an extension or a deferral produces (issue 10). Each is
 * a template of kind «notice» the editors keep at /templates; the texts below are the ones seeded
 * there and the fallback used only when that template is gone or withdrawn.
 */
export const NOTICES = [
  'extended',
  'deferred',
  'obscene',
  'unreadable',
  'repeated',
  'forwarded',
] as const;
export type Notice = (typeof NOTICES)[number];

export function isNotice(v: unknown): v is Notice {
  return typeof v === 'string' && (NOTICES as readonly string[]).includes(v);
}

const HELLO = '{{client.firstNamePatronymic}}, здравствуйте!';
const SURVEY = 'Оцените, пожалуйста, наш ответ: {{links.survey}}';
const body = (...paragraphs: string[]) => [HELLO, ...paragraphs, SURVEY].join('\n\n');

/** The greeting when the client's name is unknown (an anonymous letter, a nickname on a page). */
export const HELLO_WITHOUT_NAME = 'Здравствуйте!';

export const NOTICE_DEFAULTS: Record<Notice, { title: string; body: string }> = {
  // 59-FZ art. 12 p. 2.
  extended: {
    title: 'Уведомление о продлении срока ответа',
    body: body(
      'Мы продлили срок ответа на ваше обращение № {{appeal.number}}. Новый срок — {{appeal.answerDue}}.',
      'Причина: {{notice.reason}}.',
      'Закон об обращениях граждан это разрешает (часть 2 статьи 12 закона № 59-ФЗ).',
    ),
  },
  // 8-FZ art. 18 p. 6.
  deferred: {
    title: 'Уведомление об отсрочке ответа на запрос информации',
    body: body(
      'Ответ на ваш запрос № {{appeal.number}} мы дадим позже обычного срока. Новый срок — {{appeal.answerDue}}.',
      'Причина: {{notice.reason}}.',
      'Так можно делать по закону о доступе к информации о работе государственных органов (часть 6 статьи 18 закона № 8-ФЗ).',
    ),
  },
  // 59-FZ art. 11 p. 3.
  obscene: {
    title: 'Уведомление: обращение с оскорбительными выражениями',
    body: body(
      'В вашем обращении № {{appeal.number}} есть нецензурные или оскорбительные слова либо угрозы. Поэтому мы не отвечаем на вопросы из этого обращения по существу.',
      'Вы можете написать нам снова, без таких слов, и мы ответим в обычный срок (часть 3 статьи 11 закона № 59-ФЗ).',
    ),
  },
  // 59-FZ art. 11 p. 4.
  unreadable: {
    title: 'Уведомление: текст обращения не удалось прочитать',
    body: body(
      'Мы не смогли прочитать текст вашего обращения № {{appeal.number}}, поэтому ответить на него пока нельзя.',
      'Пожалуйста, напишите нам снова разборчиво или отправьте обращение через сайт (часть 4 статьи 11 закона № 59-ФЗ).',
    ),
  },
  // 59-FZ art. 11 p. 5.
  repeated: {
    title: 'Уведомление о прекращении переписки',
    body: body(
      'В обращении № {{appeal.number}} вы снова задаёте вопрос, на который мы уже несколько раз отвечали по существу. Новых доводов в нём нет.',
      'Поэтому руководитель принял решение прекратить переписку по этому вопросу (часть 5 статьи 11 закона № 59-ФЗ). Если появятся новые обстоятельства, напишите нам, и мы рассмотрим обращение заново.',
    ),
  },
  // 59-FZ art. 8 p. 3.
  forwarded: {
    title: 'Уведомление о направлении обращения по компетенции',
    body: body(
      'Вопрос из вашего обращения № {{appeal.number}} решает другой орган: {{notice.forwardedTo}}. Мы переслали ему обращение, ответ придёт оттуда.',
      'Так требует закон об обращениях граждан (часть 3 статьи 8 закона № 59-ФЗ).',
    ),
  },
};
