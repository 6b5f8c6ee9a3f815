import type { RegistryEntry } from '../../src/lib/domain/registry/vocabulary';
import type { ServiceContext } from '../../src/lib/server/context';
import { approveEntries } from '../../src/lib/server/registry/import.service';
import { makeUnit, makeUser } from './factories';

export const SERVICES = 'Предоставление государственных услуг';
export const APPEALS = 'Рассмотрение обращений и запросов';

/** A small registry as a ministry would write it: two areas, three processes, four rows. */
export function sampleEntries(unit: string): RegistryEntry[] {
  const base = {
    areaClientKind: 'external',
    processClientKind: 'external',
    unit,
    needsOther: null,
    specifics: null,
  } as const;
  return [
    {
      ...base,
      area: SERVICES,
      process: 'Лицензирование образовательной деятельности',
      touchpoint: 'Единый портал государственных услуг',
      mode: 'online',
      channel: 'portal',
      address: 'https://www.gosuslugi.ru',
      needs: ['submit', 'information', 'result'],
      specifics: 'Заявление подаётся с усиленной квалифицированной подписью',
    },
    {
      ...base,
      area: SERVICES,
      process: 'Лицензирование образовательной деятельности',
      touchpoint: 'Приёмная министерства',
      mode: 'offline',
      channel: 'in_person',
      address: 'ул. Ленина, 1, каб. 105',
      needs: ['consultation', 'submit'],
    },
    {
      ...base,
      area: APPEALS,
      process: 'Рассмотрение обращений граждан',
      touchpoint: 'Электронная почта министерства',
      mode: 'online',
      channel: 'email',
      address: 'obr@otklik.example',
      needs: ['submit', 'result', 'feedback'],
    },
    {
      ...base,
      area: APPEALS,
      process: 'Рассмотрение обращений граждан',
      touchpoint: 'Телефон горячей линии',
      mode: 'offline',
      channel: 'phone',
      address: '+7 (800) 000-00-00',
      needs: ['consultation', 'other'],
      needsOther: 'запись на личный приём к министру',
    },
  ];
}

/** A maintainer, a unit member and version 1 holding `sampleEntries`. */
export async function registryWithVersion(ctx: ServiceContext) {
  const unitName = `Отдел лицензирования ${Math.random().toString(36).slice(2, 6)}`;
  const unitId = await makeUnit(ctx, unitName);
  const maintainer = await makeUser(ctx, ['maintainer']);
  const member = await makeUser(ctx, ['operator'], { unitIds: [unitId] });
  const entries = sampleEntries(unitName);
  const version = await approveEntries(ctx, maintainer, entries, 'test');
  return { unitId, unitName, maintainer, member, entries, version };
}
