/** Mailboxes of the e-mail channel: the admin's settings section and service errors. */
export const mailboxesRu = {
  'mailboxes.title': 'Почтовые ящики',
  'mailboxes.intro':
    'Ящики, из которых Отклик забирает письма (IMAP) и через которые отправляет ответы (SMTP). Добавляются командой otklik mailbox add.',
  'mailboxes.empty': 'Почтовых ящиков пока нет.',
  'mailboxes.address': 'Адрес',
  'mailboxes.touchpoint': 'Точка взаимодействия',
  'mailboxes.server': 'Сервер IMAP',
  'mailboxes.state': 'Состояние',
  'mailboxes.lastFetch': 'Последняя проверка',
  'mailboxes.lastError': 'Последняя ошибка',
  'mailboxes.never': 'ещё не проверялся',
  'mailboxes.inactive': 'отключён',
  'mailboxes.state.idle': 'ожидает проверки',
  'mailboxes.state.connected': 'подключён',
  'mailboxes.state.error': 'ошибка',
  'mailboxes.invalidAddress': 'Адрес почтового ящика записан с ошибкой.',
  'mailboxes.addressTaken': 'Почтовый ящик {address} уже добавлен.',
};
