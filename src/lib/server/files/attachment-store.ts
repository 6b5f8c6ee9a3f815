import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '../env';

/** Attachments live on disk under the data folder, named by the SHA-256 of their bytes. */
export function attachmentFile(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(dataDir, 'attachments', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

const fileFor = (sha256: string): string => attachmentFile(env().dataDir, sha256);

/**
 * Stores bytes once (identical files share one copy) and returns their hash. Written to a temp
 * name and renamed, so a crash never leaves a half-written file under a valid name.
 */
export async function putAttachment(bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const target = fileFor(sha256);
  try {
    await fs.access(target);
    return sha256;
  } catch {
    // not stored yet
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, target);
  } catch (err) {
    // A full disk leaves the part written so far; keeping it would eat the space that is short.
    await fs.rm(temp, { force: true });
    throw err;
  }
  return sha256;
}

export function readAttachment(sha256: string): Promise<Buffer> {
  return fs.readFile(fileFor(sha256));
}

/** Deletes stored bytes (retention); a file already gone is not an error. */
export async function removeAttachment(sha256: string): Promise<void> {
  await fs.rm(fileFor(sha256), { force: true });
}
