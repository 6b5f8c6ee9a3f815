import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

/**
 * A backup is one tar file: a manifest, the database copy and every attachment file the copy
 * refers to (attachments live on disk, named by the SHA-256 of their bytes, and never change).
 */
const MANIFEST = 'otklik-backup.json';
const ATTACHMENT = /^attachments\/([0-9a-f]{64})$/;

export type DatabaseFormat = 'sqlite' | 'pgdump';

export interface Manifest {
  format: 1;
  database: DatabaseFormat;
  createdAt: string;
  attachments: number;
  /** Files the database refers to that were not on disk when the backup was made. */
  missing: string[];
}

const databaseEntry = (format: DatabaseFormat) => `database.${format}`;

/** Whether a file is a tar archive (the magic «ustar» at offset 257). */
export function isBundle(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const magic = Buffer.alloc(5);
    return fs.readSync(fd, magic, 0, 5, 257) === 5 && magic.toString('latin1') === 'ustar';
  } finally {
    fs.closeSync(fd);
  }
}

function addFile(pack: tar.Pack, name: string, file: string): Promise<void> {
  const size = fs.statSync(file).size;
  return new Promise((resolve, reject) => {
    const entry = pack.entry({ name, size }, (err) => (err ? reject(err) : resolve()));
    fs.createReadStream(file).on('error', reject).pipe(entry);
  });
}

/** Writes the bundle to `out` (which must not be read until this resolves). */
export async function writeBundle(
  out: string,
  database: { file: string; format: DatabaseFormat },
  attachments: readonly { sha256: string; file: string }[],
  missing: readonly string[],
  now: Date,
): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, fs.createWriteStream(out));
  const manifest: Manifest = {
    format: 1,
    database: database.format,
    createdAt: now.toISOString(),
    attachments: attachments.length,
    missing: [...missing],
  };
  pack.entry({ name: MANIFEST }, JSON.stringify(manifest, null, 2));
  await addFile(pack, databaseEntry(database.format), database.file);
  for (const a of attachments) await addFile(pack, `attachments/${a.sha256}`, a.file);
  pack.finalize();
  await written;
}

export interface Unpacked {
  manifest: Manifest;
  database: string;
  /** Attachment files checked against their names, in `dir/attachments/`. */
  attachments: { sha256: string; file: string }[];
}

/**
 * Unpacks a bundle into `dir`; refuses a bundle whose manifest or database is missing, or whose
 * attachment bytes do not hash to their name.
 */
export async function unpackBundle(file: string, dir: string): Promise<Unpacked> {
  fs.mkdirSync(path.join(dir, 'attachments'), { recursive: true });
  let manifest: Manifest | null = null;
  let database: string | null = null;
  const attachments: Unpacked['attachments'] = [];
  const extract = tar.extract();
  const reading = pipeline(fs.createReadStream(file), extract);
  // A refusal below stops reading early; the pipeline's own failure is awaited after the loop.
  reading.catch(() => undefined);
  for await (const entry of extract) {
    const name = entry.header.name;
    const match = ATTACHMENT.exec(name);
    if (name === MANIFEST) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
    } else if (name === databaseEntry('sqlite') || name === databaseEntry('pgdump')) {
      database = path.join(dir, name);
      await pipeline(entry, fs.createWriteStream(database));
    } else if (match) {
      const target = path.join(dir, 'attachments', match[1]!);
      const hash = createHash('sha256');
      entry.on('data', (c: unknown) => hash.update(c as Buffer));
      await pipeline(entry, fs.createWriteStream(target));
      if (hash.digest('hex') !== match[1]) {
        throw new Error(`${file} is damaged: ${name} does not match its checksum`);
      }
      attachments.push({ sha256: match[1]!, file: target });
    } else {
      entry.resume();
    }
  }
  await reading;
  if (!manifest || manifest.format !== 1) throw new Error(`${file} has no Otklik backup manifest`);
  if (!database || path.basename(database) !== databaseEntry(manifest.database)) {
    throw new Error(`${file} holds no ${manifest.database} database`);
  }
  return { manifest, database, attachments };
}
