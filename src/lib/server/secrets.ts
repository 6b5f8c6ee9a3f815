import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from './env';
import { singleton } from './singleton';

function loadKey(): Buffer {
  const e = env();
  if (e.OTKLIK_SECRET_KEY) {
    const key = Buffer.from(e.OTKLIK_SECRET_KEY, 'base64');
    if (key.length !== 32) throw new Error('OTKLIK_SECRET_KEY must be base64 of 32 bytes');
    return key;
  }
  const file = path.join(e.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(e.dataDir, { recursive: true });
    // wx: two processes starting together must not overwrite each other's key.
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}

const key = () => singleton('secretKey', loadKey);

/** AES-256-GCM: "v1:" + base64(iv | tag | ciphertext). */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptSecret(sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new Error('unknown secret format');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
