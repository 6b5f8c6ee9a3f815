import {
  NEEDS,
  NEED_LABELS,
  type Need,
  type RegistryEntry,
} from '../../../src/lib/domain/registry/vocabulary';
import { referenceKey } from '../../../src/lib/server/registry/formats/text';
import type { ReferenceLookup } from '../../../src/lib/server/registry/formats/types';

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** A stand-in for the domain's needs matcher: exact labels become needs, the rest «other». */
export function matchNeeds(text: string): { needs: Need[]; needsOther: string | null } {
  const found = new Set<Need>();
  const rest: string[] = [];
  for (const line of text.split(/\n|;/).map((l) => l.trim().replace(/[.;]$/, ''))) {
    if (!line) continue;
    const need = NEEDS.find((n) => fold(NEED_LABELS[n]) === fold(line));
    if (need) found.add(need);
    else rest.push(line);
  }
  if (rest.length) found.add('other');
  return {
    needs: NEEDS.filter((n) => found.has(n)),
    needsOther: rest.length ? rest.join('\n') : null,
  };
}

export const META = {
  agency: 'министерства образования и науки Курской области',
  versionNumber: 3,
  approvedAt: '2026-03-05T09:30:00.000Z',
};

const base = {
  areaClientKind: 'external',
  processClientKind: 'external',
  unit: null,
  address: null,
  needsOther: null,
  specifics: null,
} as const;

/** Three areas, external and internal, online and offline, in the registry's order. */
export const ENTRIES: RegistryEntry[] = [
  {
    ...base,
    area: 'Предоставление государственных услуг',
    process: 'Государственная аккредитация образовательной деятельности',
    unit: 'Отдел лицензирования и аккредитации',
    touchpoint: 'Единый портал государственных услуг (ЕПГУ)',
    mode: 'online',
    channel: 'portal',
    address: 'https://www.gosuslugi.ru/',
    needs: ['information', 'forms', 'submit', 'result'],
    specifics: 'Заявление подаётся только в электронной форме;\nуведомления — в личный кабинет',
  },
  {
    ...base,
    area: 'Предоставление государственных услуг',
    process: 'Государственная аккредитация образовательной деятельности',
    unit: 'Отдел лицензирования и аккредитации',
    touchpoint: 'Телефон отдела «горячей линии»',
    mode: 'offline',
    channel: 'phone',
    address: '+7 (4712) 35-75-23',
    needs: ['consultation'],
  },
  {
    ...base,
    area: 'Предоставление государственных услуг',
    process: 'Подтверждение документов об образовании; апостиль',
    touchpoint: 'Приёмная министерства, каб. 101',
    mode: 'offline',
    channel: 'in_person',
    address: 'г. Курск, ул. Кирова, 7, каб. 101',
    needs: ['submit', 'result', 'other'],
    needsOther: 'выдача оригиналов документов после проставления апостиля',
  },
  {
    ...base,
    area: 'Рассмотрение обращений и запросов',
    process: 'Рассмотрение обращений граждан',
    unit: 'Отдел документационного обеспечения',
    touchpoint: 'Электронная почта министерства',
    mode: 'online',
    channel: 'email',
    address: 'komobr@rkursk.ru',
    needs: ['submit', 'result', 'feedback', 'feedback_result'],
    specifics: 'Ответ с активной ссылкой на опрос удовлетворённости "Как вам ответ?"',
  },
  {
    ...base,
    area: 'Рассмотрение обращений и запросов',
    process: 'Рассмотрение обращений граждан',
    unit: 'Отдел документационного обеспечения',
    touchpoint: 'Сообщество министерства',
    mode: 'online',
    channel: 'social',
    address: 'https://vk.com/komobr46',
    needs: ['information', 'feedback'],
  },
  {
    ...base,
    area: 'Взаимодействие с внутренним клиентом по вопросам информационно-технического обеспечения',
    areaClientKind: 'internal',
    process: 'Заявки на техническую поддержку рабочих мест',
    processClientKind: 'internal',
    unit: 'Отдел информатизации',
    touchpoint: 'СЭД «Дело»',
    mode: 'online',
    channel: 'edms',
    needs: ['submit', 'information', 'result'],
  },
];

/** What a caller's database would pass for the rows above. */
export function referenceFor(entries: RegistryEntry[]): ReferenceLookup {
  return {
    areas: new Map(entries.map((e) => [referenceKey(e.area), e.areaClientKind])),
    processes: new Map(
      entries.map((e) => [
        referenceKey(e.area, e.process),
        { unit: e.unit, clientKind: e.processClientKind },
      ]),
    ),
    touchpoints: new Map(
      entries.map((e) => [
        referenceKey(e.touchpoint),
        { mode: e.mode, channel: e.channel, address: e.address },
      ]),
    ),
  };
}

/** The rows as a reader returns them: needs in the order of seed 000 §4.9. */
export function normalised(entries: RegistryEntry[]): RegistryEntry[] {
  return entries.map((e) => ({ ...e, needs: NEEDS.filter((n) => e.needs.includes(n)) }));
}
