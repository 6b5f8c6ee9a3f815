import type { Channel, ClientKind, Mode, RegistryEntry } from './vocabulary';

/** Russian words for the closed vocabularies, as the console and the messages print them. */
export const MODE_LABELS: Record<Mode, string> = { online: 'онлайн', offline: 'офлайн' };

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'электронная почта',
  webform: 'веб-форма',
  phone: 'телефонная связь',
  portal: 'портал',
  social: 'социальная сеть',
  messenger: 'мессенджер',
  chatbot: 'чат-бот',
  post: 'почтовая связь',
  in_person: 'личное взаимодействие',
  edms: 'система электронного документооборота',
  video: 'видеоконференцсвязь',
  other: 'иное',
};

export const CLIENT_KIND_LABELS: Record<ClientKind, string> = {
  external: 'внешний клиент',
  internal: 'внутренний клиент',
};

/** Field names as the form (seed 004 annex) and the console call them. */
export const FIELD_LABELS: Record<keyof RegistryEntry, string> = {
  area: 'Направление деятельности',
  areaClientKind: 'Клиент направления деятельности',
  process: 'Наименование конкретного процесса',
  processClientKind: 'Клиент процесса',
  unit: 'Структурное подразделение',
  touchpoint: 'Точка взаимодействия',
  mode: 'Вид точки (онлайн или офлайн)',
  channel: 'Канал',
  address: 'Адрес точки',
  needs: 'Осуществляемое взаимодействие с клиентом',
  needsOther: 'Другие потребности клиента',
  specifics: 'Особенности взаимодействия с клиентом',
};
