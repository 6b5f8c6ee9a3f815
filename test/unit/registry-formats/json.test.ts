import { describe, expect, it } from 'vitest';
import { readRegistryJson, writeRegistryJson } from '../../../src/lib/server/registry/formats';
import { ENTRIES, META } from './sample';

describe('JSON export and import', () => {
  it('is pretty-printed with every field and the version', () => {
    const text = writeRegistryJson(ENTRIES, META).toString('utf8');
    expect(text).toContain('\n  "versionNumber": 3,');
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'otklik-registry', formatVersion: 1, ...META });
    expect(Object.keys(data.entries[0]).sort()).toEqual(Object.keys(ENTRIES[0]!).sort());
  });

  it('leaves out fields that are not part of a registry row', () => {
    const withId = ENTRIES.map((e, id) => ({ ...e, id }));
    const data = JSON.parse(writeRegistryJson(withId, META).toString('utf8'));
    expect(data.entries[0]).not.toHaveProperty('id');
  });

  it('accepts a bare array of entries', () => {
    const { entries, meta } = readRegistryJson(Buffer.from(JSON.stringify(ENTRIES)));
    expect(entries).toHaveLength(ENTRIES.length);
    expect(meta).toEqual({ agency: '', versionNumber: null, approvedAt: null });
  });

  it('reports bad fields, missing names and duplicates by entry number', () => {
    const rows = [
      ENTRIES[0],
      { ...ENTRIES[1], channel: 'fax' },
      { ...ENTRIES[2], process: ' ' },
      { ...ENTRIES[3], touchpoint: undefined },
      { ...ENTRIES[0], needs: ['information'] },
    ];
    const { entries, problems } = readRegistryJson(Buffer.from(JSON.stringify({ entries: rows })));
    expect(problems.map((p) => [p.rowNumber, p.code, p.column])).toEqual([
      [2, 'bad_field', 'Канал'],
      [3, 'missing_process', 'Наименование конкретного процесса'],
      [4, 'missing_touchpoint', 'Точка взаимодействия'],
      [5, 'duplicate_row', 'Точка взаимодействия'],
    ]);
    expect(entries.map((e) => e.rowNumber)).toEqual([1]);
  });

  it('reports a file that is not JSON, or JSON without entries', () => {
    expect(readRegistryJson(Buffer.from('{oops')).problems[0]!.code).toBe('unreadable_file');
    expect(readRegistryJson(Buffer.from('{"rows": []}')).problems[0]!.code).toBe('no_header');
  });
});
