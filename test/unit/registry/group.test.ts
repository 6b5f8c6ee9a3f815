import { describe, expect, it } from 'vitest';
import { groupByArea } from '../../../src/lib/domain/registry/group';
import { entry } from './entry';

const appeals = entry();
const appealsPhone = entry({ touchpoint: 'Телефон', mode: 'offline', channel: 'phone' });
const requests = entry({ process: 'Рассмотрение запросов о предоставлении информации' });
const it1 = entry({
  area: 'Взаимодействие с внутренним клиентом по вопросам информационно-технического обеспечения',
  areaClientKind: 'internal',
  process: 'Техническая поддержка',
  processClientKind: 'internal',
  unit: 'Отдел информатизации',
});
const licence = entry({ area: 'Предоставление государственных услуг', process: 'Лицензирование' });

describe('grouping rows for the form (seed 004 annex)', () => {
  it('groups by area in order of first appearance, keeping each process’s rows together', () => {
    const groups = groupByArea([appeals, it1, requests, appealsPhone]);
    expect(groups.map((g) => [g.number, g.area, g.clientKind])).toEqual([
      [1, 'Рассмотрение обращений и запросов', 'external'],
      [2, it1.area, 'internal'],
    ]);
    expect(groups[0]?.processes.map((p) => [p.process, p.entries.length])).toEqual([
      ['Рассмотрение обращений граждан', 2],
      ['Рассмотрение запросов о предоставлении информации', 1],
    ]);
    expect(groups[0]?.entries).toEqual([appeals, appealsPhone, requests]);
    expect(groups[1]?.processes[0]).toMatchObject({
      unit: 'Отдел информатизации',
      clientKind: 'internal',
    });
  });

  it('follows the admin’s area order when given, then the rest as they appear', () => {
    const groups = groupByArea([appeals, it1, licence], ['Предоставление государственных услуг']);
    expect(groups.map((g) => g.area)).toEqual([licence.area, appeals.area, it1.area]);
    expect(groups.map((g) => g.number)).toEqual([1, 2, 3]);
  });

  it('gives the same groups for the same list every time', () => {
    const list = [appeals, it1, requests, appealsPhone, licence];
    expect(groupByArea(list)).toEqual(groupByArea([...list]));
    expect(groupByArea([])).toEqual([]);
  });
});
