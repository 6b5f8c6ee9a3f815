import type { MessageKey } from '../../i18n/messages';

/**
 * What a template may say about the appeal it answers (issue 9). Names are stable: stored bodies
 * use them, so a name is never renamed or reused for something else.
 */
export const VARIABLES = [
  'client.firstNamePatronymic',
  'client.fullName',
  'appeal.number',
  'appeal.receivedDate',
  'appeal.answerDue',
  'operator.name',
  'operator.position',
  'unit.name',
  'agency.name',
  'links.survey',
  'links.tracking',
  // Filled only in notices (issue 10): the reason of an extension or deferral, where it was forwarded.
  'notice.reason',
  'notice.forwardedTo',
] as const;
export type VariableName = (typeof VARIABLES)[number];

export type VariableValues = Partial<Record<VariableName, string | null>>;

export function isVariable(name: string): name is VariableName {
  return (VARIABLES as readonly string[]).includes(name);
}

export const variableLabel = (name: VariableName) => `templates.var.${name}` as MessageKey;

/** How a variable is written in a body. */
export const token = (name: VariableName) => `{{${name}}}`;

/** Russian placeholders left in a text when an appeal has no value, so nothing goes out blank. */
export const MISSING_PLACEHOLDER: Record<VariableName, string> = {
  'client.firstNamePatronymic': '[имя и отчество клиента]',
  'client.fullName': '[фамилия, имя, отчество клиента]',
  'appeal.number': '[номер обращения]',
  'appeal.receivedDate': '[дата поступления]',
  'appeal.answerDue': '[срок ответа]',
  'operator.name': '[фамилия, имя, отчество сотрудника]',
  'operator.position': '[должность сотрудника]',
  'unit.name': '[подразделение]',
  'agency.name': '[наименование органа]',
  'links.survey': '[ссылка на опрос]',
  'links.tracking': '[ссылка на страницу обращения]',
  'notice.reason': '[причина]',
  'notice.forwardedTo': '[куда направлено обращение]',
};

const MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

const MOSCOW_MS = 3 * 3_600_000;

/** «12 марта 2026 г.» for an instant, on Moscow time, as dates are written in Russian letters. */
export function longDate(instant: string | Date): string {
  const d = new Date(new Date(instant).getTime() + MOSCOW_MS);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} г.`;
}

/** «12.03.2026» on Moscow time: the date line of a letter. */
export function shortDate(instant: string | Date): string {
  const d = new Date(new Date(instant).getTime() + MOSCOW_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** A position written inside a sentence starts lower-case, unless it opens with an abbreviation. */
export function positionInSentence(position: string): string {
  const p = position.trim();
  if (!p || /^\p{Lu}{2}/u.test(p)) return p;
  return p[0]!.toLowerCase() + p.slice(1);
}

/** A sample appeal for previews and the publish gate: a real-looking reply, not blanks. */
export function sampleValues(links: {
  agency: string;
  survey: string;
  tracking: string;
}): Record<VariableName, string> {
  return {
    'client.firstNamePatronymic': 'Мария Ивановна',
    'client.fullName': 'Иванова Мария Ивановна',
    'appeal.number': '2026-000123',
    'appeal.receivedDate': '12 марта 2026 г.',
    'appeal.answerDue': '10 апреля 2026 г.',
    'operator.name': 'Смирнова Анна Викторовна',
    'operator.position': 'консультант отдела по работе с обращениями граждан',
    'unit.name': 'отдел по работе с обращениями граждан',
    'agency.name': links.agency,
    'links.survey': links.survey,
    'links.tracking': links.tracking,
    'notice.reason': 'нужно запросить сведения в управлении образования района',
    'notice.forwardedTo': 'Министерство здравоохранения Энской области',
  };
}
