import { describe, expect, it } from 'vitest';
import { bearerToken, hashLineToken, newLineToken } from '../../../src/lib/server/telephony/tokens';

describe('line tokens', () => {
  it('are random, kept only as a SHA-256 hash, with a short hint', () => {
    const a = newLineToken();
    const b = newLineToken();
    expect(a.token).toMatch(/^otk_line_[\w-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashLineToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token.endsWith(a.hint)).toBe(true);
    expect(a.hint).toHaveLength(4);
  });

  it('are read from an Authorization: Bearer header only', () => {
    expect(bearerToken('Bearer otk_line_abc')).toBe('otk_line_abc');
    expect(bearerToken('bearer   otk_line_abc ')).toBe('otk_line_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
