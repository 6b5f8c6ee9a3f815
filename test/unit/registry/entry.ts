import type { RegistryEntry } from '../../../src/lib/domain/registry/vocabulary';

/** A valid registry row; tests change only what they are about. */
export function entry(overrides: Partial<RegistryEntry> = {}): RegistryEntry {
  return {
    area: 'Рассмотрение обращений и запросов',
    areaClientKind: 'external',
    process: 'Рассмотрение обращений граждан',
    processClientKind: 'external',
    unit: 'Отдел по работе с обращениями граждан',
    touchpoint: 'Электронная почта министерства',
    mode: 'online',
    channel: 'email',
    address: 'obr@otklik.example',
    needs: ['submit', 'result'],
    needsOther: null,
    specifics: null,
    ...overrides,
  };
}
