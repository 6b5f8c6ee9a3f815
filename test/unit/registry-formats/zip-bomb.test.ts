import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readRegistryFile } from '../../../src/lib/server/registry/formats/read-file';
import { checkZip } from '../../../src/lib/server/registry/formats/zip-guard';

/** A zip of deflated entries as an XLSX would carry them (CRC left 0: only sizes matter here). */
function zip(entries: { name: string; bytes: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = deflateRawSync(e.bytes, { level: 9 });
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.declared ?? e.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.declared ?? e.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

describe('a zip bomb sent as a registry workbook', () => {
  // 80 MB of one repeated cell, deflated to about 80 KB, declaring a harmless size.
  const sheet = Buffer.alloc(80 * 1024 * 1024, '<c><v>0</v></c>');
  const bomb = zip([
    { name: '[Content_Types].xml', bytes: Buffer.from('<Types/>') },
    { name: 'xl/worksheets/sheet1.xml', bytes: sheet, declared: 4096 },
  ]);

  it('is refused as too large before the workbook library unpacks it, in Russian', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(checkZip(bomb)).toBe('too-large');
    const table = await readRegistryFile(bomb, 'перечень.xlsx');
    expect(table.format).toBeNull();
    expect(table.problems).toEqual([
      expect.objectContaining({
        rowNumber: 0,
        code: 'unreadable_file',
        message: expect.stringMatching(/распаковывается больше чем в 64 МБ/),
      }),
    ]);
  });

  it('lets a real workbook through, and calls a cut-off zip damaged', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Перечень').addRow(['Сфера', 'Процесс', 'Точка взаимодействия']);
    const real = Buffer.from(await book.xlsx.writeBuffer());
    expect(checkZip(real)).toBe('ok');
    expect(checkZip(real.subarray(0, real.length >> 1))).toBe('damaged');
  });
});
