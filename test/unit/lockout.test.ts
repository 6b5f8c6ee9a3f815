import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, lockDurationMs } from '../../src/lib/server/auth/lockout';
import { passwordProblems } from '../../src/lib/server/auth/password';

describe('sign-in lockout', () => {
  it('allows the free attempts, then locks for 1, 2, 4 … minutes up to an hour', () => {
    expect(lockDurationMs(FREE_ATTEMPTS - 1)).toBe(0);
    expect([5, 6, 7, 8].map(lockDurationMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(lockDurationMs(40)).toBe(3_600_000);
  });
});

describe('password policy', () => {
  it('names each problem', () => {
    expect(passwordProblems('short', 'a@b.ru')).toEqual(['password.tooShort']);
    expect(passwordProblems('aaaaaaaaaaaa', 'a@b.ru')).toEqual(['password.repeated']);
    expect(passwordProblems('Long@Mail.ru', 'long@mail.ru')).toEqual(['password.sameAsEmail']);
    expect(passwordProblems('учебный-год-2026', 'a@b.ru')).toEqual([]);
  });
});
