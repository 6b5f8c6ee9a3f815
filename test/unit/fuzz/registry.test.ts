import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_TITLES,
  REGISTRY_COLUMNS,
  readRegistryFile,
  tableToEntries,
} from '../../../src/lib/server/registry/formats';
import { matchNeeds } from '../registry-formats/sample';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '"',
    '""',
    ';',
    ',',
    '\t',
    '\r\n',
    '=HYPERLINK("http://evil.example")',
    '<b>x</b>',
    '№',
  ),
);
const csv = fc
  .array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 })
  .chain((rows) =>
    fc.constantFrom(';', ',', '\t').map((sep) => rows.map((r) => r.join(sep)).join('\r\n')),
  );

/** The form's header row over random rows: the mapping from rows to entries is exercised too. */
const registryCsv = fc
  .array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 20 })
  .map((rows) =>
    [REGISTRY_COLUMNS.map((c) => COLUMN_TITLES[c]), ...rows]
      .map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(';'))
      .join('\r\n'),
  );

const file = fc.oneof(
  registryCsv.map((t) => Buffer.from(t, 'utf8')),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.concat([ZIP, Buffer.from(b)])),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([OLE, Buffer.from(b)])),
  csv.map((t) => Buffer.from(t, 'utf8')),
  csv.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])),
);
const name = fc.constantFrom('перечень.csv', 'перечень.xlsx', 'registry', 'x.txt', '');

describe('registry import under random files (fast-check)', { timeout: 60_000 }, () => {
  it('never throws; an unreadable file or row is a numbered problem in Russian', async () => {
    let entriesSeen = 0;
    await fc.assert(
      fc.asyncProperty(file, name, async (buffer, fileName) => {
        const table = await readRegistryFile(buffer, fileName);
        const { entries, problems } = tableToEntries(table, { matchNeeds });
        for (const p of problems) {
          expect(Number.isInteger(p.rowNumber)).toBe(true);
          expect(p.rowNumber).toBeGreaterThanOrEqual(0);
          expect(p.code).toMatch(/^[a-z_]+$/);
          expect(p.message).toMatch(/[А-Яа-яЁё]/);
        }
        if (table.format === null) {
          expect(entries).toEqual([]);
          expect(problems[0]?.code).toBe('unreadable_file');
        }
        entriesSeen += entries.length;
        for (const { entry } of entries) {
          for (const value of [entry.area, entry.process, entry.touchpoint]) {
            expect(typeof value).toBe('string');
            expect(value.trim().length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 150 },
    );
    // The header generator makes rows that become entries: the mapping was exercised.
    expect(entriesSeen).toBeGreaterThan(0);
  });
});
