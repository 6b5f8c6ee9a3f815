import { CHANNEL_LABELS, CLIENT_KIND_LABELS, FIELD_LABELS, MODE_LABELS } from './labels';
import {
  CHANNELS,
  CLIENT_KINDS,
  MODES,
  NEEDS,
  NEED_LABELS,
  type RegistryEntry,
} from './vocabulary';

export type Severity = 'error' | 'warning';

export type IssueParams = Record<string, string | number>;

/** A finding of the registry rules: a stable code and its parameters; `issueText` words it. */
export interface RegistryIssue {
  code: RegistryIssueCode;
  /** Errors block approval and import; warnings are shown and let the row through. */
  severity: Severity;
  /** Position of the row in the checked list (0-based); absent for findings about the whole list. */
  index?: number;
  field?: keyof RegistryEntry;
  params: IssueParams;
}

const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));

function word<T extends string>(codes: readonly T[], labels: Record<T, string>, v: unknown) {
  return (codes as readonly unknown[]).includes(v) ? labels[v as T] : str(v as string);
}

const field = (v: string | number | undefined) =>
  v !== undefined && v in FIELD_LABELS ? FIELD_LABELS[v as keyof RegistryEntry] : str(v);
const mode = (v: unknown) => word(MODES, MODE_LABELS, v);
const channel = (v: unknown) => word(CHANNELS, CHANNEL_LABELS, v);
const kind = (v: unknown) => word(CLIENT_KINDS, CLIENT_KIND_LABELS, v);
const need = (v: unknown) => word(NEEDS, NEED_LABELS, v);

function valueWord(fieldName: string | number | undefined, v: string | number | undefined) {
  switch (fieldName) {
    case 'mode':
      return mode(v);
    case 'channel':
      return channel(v);
    case 'areaClientKind':
    case 'processClientKind':
      return kind(v);
    default:
      return v === '' || v === undefined ? '(не указано)' : str(v);
  }
}

const TEXTS = {
  'registry.required': (p: IssueParams) => `Заполните поле «${field(p.field)}».`,
  'registry.tooLong': (p: IssueParams) =>
    `Поле «${field(p.field)}» длиннее допустимого: ${p.length} знаков при пределе ${p.max}. Сократите текст.`,
  'registry.invalidValue': (p: IssueParams) =>
    `Недопустимое значение поля «${field(p.field)}»: «${str(p.value)}».`,
  'registry.noNeeds': () =>
    'Укажите хотя бы одну удовлетворяемую потребность клиента в этой точке взаимодействия.',
  'registry.unknownNeed': (p: IssueParams) =>
    `«${str(p.value)}» — не из перечня потребностей клиента. Выберите стандартную потребность или «другие» с описанием.`,
  'registry.duplicateNeed': (p: IssueParams) =>
    `Потребность «${need(p.need)}» указана дважды; достаточно одного раза.`,
  'registry.otherWithoutText': () =>
    'Отмечены «другие удовлетворяемые потребности клиента» — опишите их текстом.',
  'registry.textWithoutOther': () =>
    'Текст других потребностей заполнен, но отметка «другие удовлетворяемые потребности клиента» не стоит. Отметьте её или очистите текст.',
  'registry.otherIsStandard': (p: IssueParams) =>
    `Текст «${str(p.text)}» совпадает со стандартной потребностью «${need(p.need)}» — отметьте её вместо описания в «других».`,
  'registry.modeMismatch': (p: IssueParams) =>
    `Канал «${channel(p.channel)}» относится к ${p.expected === 'online' ? 'онлайн' : 'офлайн'}-точкам, а точка отмечена как ${mode(p.mode)}.`,
  'registry.clientKindMismatch': (p: IssueParams) =>
    `Процесс для клиента «${kind(p.processKind)}» включён в направление для клиента «${kind(p.areaKind)}». Проверьте направление деятельности.`,
  'registry.addressMissing': (p: IssueParams) =>
    `Не указан адрес точки (${channel(p.channel)}): клиенту нужен адрес, номер или ссылка.`,
  'registry.addressNotEmail': (p: IssueParams) =>
    `Адрес «${str(p.address)}» не похож на адрес электронной почты.`,
  'registry.empty': () => 'Перечень пуст: в нём должна быть хотя бы одна строка.',
  'registry.duplicateTouchpoint': (p: IssueParams) =>
    `Точка «${str(p.touchpoint)}» уже указана в процессе «${str(p.process)}» (строка ${p.firstRow}). В одном процессе точка указывается один раз, а этапы взаимодействия раскрываются как потребности клиента в этой строке.`,
  'registry.touchpointConflict': (p: IssueParams) =>
    `У точки «${str(p.touchpoint)}» поле «${field(p.field)}» расходится со строкой ${p.firstRow}: «${valueWord(p.field, p.first)}» и «${valueWord(p.field, p.second)}». Одна точка описывается одинаково во всех процессах.`,
  'registry.processConflict': (p: IssueParams) =>
    `У процесса «${str(p.process)}» поле «${field(p.field)}» расходится со строкой ${p.firstRow}: «${valueWord(p.field, p.first)}» и «${valueWord(p.field, p.second)}».`,
  'registry.areaConflict': (p: IssueParams) =>
    `Направление «${str(p.area)}» в строке ${p.firstRow} отнесено к клиенту «${kind(p.first)}», а здесь — «${kind(p.second)}».`,
  'registry.processInSeveralAreas': (p: IssueParams) =>
    `Процесс «${str(p.process)}» указан в нескольких направлениях: ${str(p.areas)}. Проверьте, не задублирован ли он.`,
} satisfies Record<string, (p: IssueParams) => string>;

export type RegistryIssueCode = keyof typeof TEXTS;

export const ISSUE_CODES = Object.keys(TEXTS) as RegistryIssueCode[];

/** The finding in plain Russian, without the row number (the caller knows how its rows are numbered). */
export function issueText(issue: Pick<RegistryIssue, 'code' | 'params'>): string {
  return TEXTS[issue.code](issue.params);
}

export function hasErrors(issues: readonly RegistryIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
