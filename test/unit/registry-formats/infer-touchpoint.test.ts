import { describe, expect, it } from 'vitest';
import { inferTouchpoint } from '../../../src/lib/server/registry/formats';

describe('inferTouchpoint', () => {
  it.each([
    ['Электронная почта министерства komobr@rkursk.ru', 'email', 'online', 'komobr@rkursk.ru'],
    ['Электронная почта департамента', 'email', 'online', null],
    ['Телефон горячей линии 8-800-200-00-46', 'phone', 'offline', '8-800-200-00-46'],
    ['Телефонная связь', 'phone', 'offline', null],
    [
      'Единый портал государственных услуг (https://www.gosuslugi.ru/)',
      'portal',
      'online',
      'https://www.gosuslugi.ru/',
    ],
    ['Региональный портал государственных услуг', 'portal', 'online', null],
    ['Форма обратной связи на официальном сайте', 'webform', 'online', null],
    ['Интернет-приёмная министерства', 'webform', 'online', null],
    [
      'Официальный сайт Департамента (https://apk.kostroma.gov.ru/)',
      'portal',
      'online',
      'https://apk.kostroma.gov.ru/',
    ],
    ['Платформа обратной связи (ПОС) pos.gosuslugi.ru', 'portal', 'online', 'pos.gosuslugi.ru'],
    ['Страница ВКонтакте', 'social', 'online', null],
    ['VK https://vk.com/komobr46', 'social', 'online', 'https://vk.com/komobr46'],
    [
      'Одноклассники https://ok.ru/minobrnauki46',
      'social',
      'online',
      'https://ok.ru/minobrnauki46',
    ],
    ['Публичный Telegram-канал министерства', 'social', 'online', null],
    [
      'Публичный канал в мессенджере Telegram https://t.me/komobr46',
      'social',
      'online',
      'https://t.me/komobr46',
    ],
    ['Чат в мессенджере MAX', 'messenger', 'online', null],
    ['Telegram', 'messenger', 'online', null],
    ['Чат-бот в Telegram', 'chatbot', 'online', null],
    ['Почтовая связь', 'post', 'offline', null],
    ['Приёмная министерства', 'in_person', 'offline', null],
    ['Места организации личного приема граждан', 'in_person', 'offline', null],
    ['Кабинеты внутренних клиентов', 'in_person', 'offline', null],
    ['Информационные стенды в здании', 'in_person', 'offline', null],
    ['МФЦ «Мои документы»', 'in_person', 'offline', null],
    ['Система электронного документооборота СЭД «Дело»', 'edms', 'online', null],
    ['СЭДО', 'edms', 'online', null],
    ['Видеоконференцсвязь', 'video', 'online', null],
    ['ВКС', 'video', 'online', null],
    ['Средства массовой информации', 'other', 'offline', null],
    ['Файловое хранилище департамента', 'other', 'online', null],
  ] as const)('%s → %s, %s', (text, channel, mode, address) => {
    expect(inferTouchpoint(text)).toEqual({ channel, mode, address });
  });
});
