import { inflateRawSync } from 'node:zlib';

/** A registry workbook unpacks to a few megabytes; far more is a zip bomb, not a registry. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export type ZipVerdict = 'ok' | 'too-large' | 'damaged';

function endOfCentralDirectory(buf: Buffer): number {
  const earliest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= earliest; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/**
 * Unpacks every entry of a zip (an XLSX) with a cap on the total, before a library that holds
 * the whole workbook in memory sees it. Sizes a zip declares can lie, so entries are inflated
 * for real, each with at most the bytes left under the cap.
 */
export function checkZip(buf: Buffer, maxBytes = MAX_UNPACKED_BYTES): ZipVerdict {
  try {
    const end = endOfCentralDirectory(buf);
    if (end < 0) return 'damaged';
    const entries = buf.readUInt16LE(end + 10);
    if (entries > MAX_ENTRIES || entries === 0xffff) return 'too-large';
    let at = buf.readUInt32LE(end + 16);
    let left = maxBytes;
    for (let n = 0; n < entries; n++) {
      if (buf.readUInt32LE(at) !== CENTRAL) return 'damaged';
      const method = buf.readUInt16LE(at + 10);
      const compressed = buf.readUInt32LE(at + 20);
      const offset = buf.readUInt32LE(at + 42);
      at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
      if (buf.readUInt32LE(offset) !== LOCAL) return 'damaged';
      const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
      const data = buf.subarray(start, start + compressed);
      if (method === 0) {
        left -= data.length;
      } else if (method === 8) {
        try {
          left -= inflateRawSync(data, { maxOutputLength: left + 1 }).length;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
          return 'damaged';
        }
      } else {
        return 'damaged';
      }
      if (left < 0) return 'too-large';
    }
    return 'ok';
  } catch {
    return 'damaged';
  }
}
