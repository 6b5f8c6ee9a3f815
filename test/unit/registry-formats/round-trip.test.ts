import { describe, expect, it } from 'vitest';
import {
  readRegistryFile,
  readRegistryJson,
  tableToEntries,
  writeRegistryCsv,
  writeRegistryJson,
  writeRegistryXlsx,
} from '../../../src/lib/server/registry/formats';
import { matchNeeds as domainMatchNeeds } from '../../../src/lib/domain/registry/needs-text';
import { ENTRIES, META, matchNeeds, normalised, referenceFor } from './sample';

describe('export → import gives the same rows', () => {
  it('XLSX: the «Справочник» sheet carries mode, channel, address, unit and client kinds', async () => {
    const file = await writeRegistryXlsx(ENTRIES, META);
    const table = await readRegistryFile(file, 'perechen.xlsx');
    expect(table.format).toBe('xlsx');
    expect(table.reference?.touchpoints.size).toBe(ENTRIES.length);
    const { entries, problems } = tableToEntries(table, { matchNeeds });
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.entry)).toEqual(normalised(ENTRIES));
  });

  it('XLSX: row numbers are the sheet rows under the title, header and numbering row', async () => {
    const table = await readRegistryFile(await writeRegistryXlsx(ENTRIES, META), 'p.xlsx');
    const { entries } = tableToEntries(table, { matchNeeds });
    expect(entries.map((e) => e.rowNumber)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('CSV: with the caller’s reference the rows come back whole', async () => {
    const table = await readRegistryFile(writeRegistryCsv(ENTRIES, META), 'perechen.csv');
    expect(table.format).toBe('csv');
    const { entries, problems } = tableToEntries(table, {
      matchNeeds,
      reference: referenceFor(ENTRIES),
    });
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.entry)).toEqual(normalised(ENTRIES));
  });

  it('CSV: row numbers are the lines where each record starts', async () => {
    const file = writeRegistryCsv(ENTRIES, META);
    const lines = file.toString('utf8').split(/\r?\n/);
    const { entries } = tableToEntries(await readRegistryFile(file, 'perechen.csv'), {
      matchNeeds,
    });
    expect(entries).toHaveLength(ENTRIES.length);
    for (const { rowNumber, entry } of entries) {
      expect(lines[rowNumber - 1]).toContain(`;${entry.touchpoint.replace(/"/g, '""')}`);
    }
    expect(entries.map((e) => e.rowNumber)).toEqual([2, 7, 8, 11, 15, 17]);
  });

  it('JSON: every field and the version come back', () => {
    const { entries, problems, meta } = readRegistryJson(writeRegistryJson(ENTRIES, META));
    expect(problems).toEqual([]);
    expect(meta).toEqual(META);
    expect(entries.map((e) => e.entry)).toEqual(ENTRIES);
    expect(entries.map((e) => e.rowNumber)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('areas keep the order of their first row; rows inside an area keep theirs', async () => {
    const mixed = [ENTRIES[3]!, ENTRIES[0]!, ENTRIES[5]!, ENTRIES[1]!];
    const table = await readRegistryFile(await writeRegistryXlsx(mixed, META), 'p.xlsx');
    const { entries } = tableToEntries(table, { matchNeeds });
    expect(entries.map((e) => e.entry.touchpoint)).toEqual([
      ENTRIES[3]!.touchpoint,
      ENTRIES[0]!.touchpoint,
      ENTRIES[1]!.touchpoint,
      ENTRIES[5]!.touchpoint,
    ]);
  });

  it('XLSX and CSV: the domain’s needs matcher reads column 5 back to the same needs', async () => {
    const reference = referenceFor(ENTRIES);
    for (const [name, file] of [
      ['p.xlsx', await writeRegistryXlsx(ENTRIES, META)],
      ['p.csv', writeRegistryCsv(ENTRIES, META)],
    ] as const) {
      const table = await readRegistryFile(file, name);
      const { entries, problems } = tableToEntries(table, {
        matchNeeds: domainMatchNeeds,
        reference,
      });
      expect(problems).toEqual([]);
      expect(entries.map((e) => e.entry)).toEqual(normalised(ENTRIES));
    }
  });

  it('an empty registry exports the form without rows and reads back empty', async () => {
    for (const [name, file] of [
      ['p.xlsx', await writeRegistryXlsx([], META)],
      ['p.csv', writeRegistryCsv([], META)],
    ] as const) {
      expect(tableToEntries(await readRegistryFile(file, name), { matchNeeds })).toEqual({
        entries: [],
        problems: [],
      });
    }
  });
});
