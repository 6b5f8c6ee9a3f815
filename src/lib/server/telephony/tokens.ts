import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'otk_line_';

/** A new line token: shown to the admin once, kept only as its hash. */
export function newLineToken(): { token: string; hash: string; hint: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashLineToken(token), hint: token.slice(-4) };
}

/** 256 random bits need no slow hash: SHA-256 is enough to make a leaked table useless. */
export function hashLineToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
