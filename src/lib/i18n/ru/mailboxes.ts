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
  'mailboxes.technical': 'Подробности',
  'mailError.noMailbox':
    'Для этой точки взаимодействия не настроен почтовый ящик: администратор добавляет его командой otklik mailbox add.',
  'mailError.diskFull': 'На диске сервера Отклика кончилось место — письма не сохраняются.',
  'mailError.auth': 'Почтовый сервер не принял логин или пароль ящика.',
  'mailError.certificate': 'Сертификат почтового сервера не прошёл проверку.',
  'mailError.notFound': 'Адрес почтового сервера не найден — проверьте имя сервера и DNS.',
  'mailError.refused':
    'Почтовый сервер не принимает соединения — он остановлен или указан не тот порт.',
  'mailError.timeout': 'Почтовый сервер не ответил вовремя.',
  'mailError.unreachable': 'Почтовый сервер недоступен по сети.',
  'mailError.dropped': 'Соединение с почтовым сервером оборвалось.',
};
