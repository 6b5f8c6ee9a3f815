import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n/messages';
import { resolveSession, signIn } from '../../src/lib/server/auth/auth.service';
import { SYSTEM } from '../../src/lib/server/context';
import { resetEnv } from '../../src/lib/server/env';
import { DomainError } from '../../src/lib/server/errors';
import { countHit, overLimit } from '../../src/lib/server/security/public-limits';
import { createUser } from '../../src/lib/server/users/users.service';
import { createTestDb, testContext, type TestDb } from '../support/db';
import { makeUser, TEST_PASSWORD } from '../support/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  resetEnv({ OTKLIK_SIGNIN_FAILURES_PER_ADDRESS: '20', OTKLIK_SIGNIN_WINDOW_MINUTES: '15' });
});
afterAll(() => t.drop());

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('password policy', () => {
  it.each([
    ['eleven-char', 'password.tooShort', 'Пароль должен быть не короче 12 символов.'],
    ['policy@otklik.test', 'password.sameAsEmail', 'Пароль не должен совпадать с почтой'],
    ['POLICY@otklik.test', 'password.sameAsEmail', 'Пароль не должен совпадать с почтой'],
    ['aaaaaaaaaaaaaaaa', 'password.repeated', 'одного повторяющегося символа'],
  ])('refuses %s with a clear Russian message', async (password, key, text) => {
    const ctx = testContext(t.db);
    const err = await failure(
      createUser(ctx, SYSTEM, {
        email: 'policy@otklik.test',
        name: 'Политика Паролей',
        password,
        roles: ['operator'],
      }),
    );
    expect(err.message).toBe(key);
    expect(translator('ru')(err.message as 'password.tooShort')).toContain(text);
  });

  it('refuses the part of the address before @ as the password', async () => {
    const err = await failure(
      createUser(testContext(t.db), SYSTEM, {
        email: 'anna.petrovna.k@otklik.test',
        name: 'Анна',
        password: 'anna.petrovna.k',
        roles: ['operator'],
      }),
    );
    expect(err.message).toBe('password.sameAsEmail');
  });

  it('accepts twelve characters', async () => {
    const id = await createUser(testContext(t.db), SYSTEM, {
      email: 'twelve@otklik.test',
      name: 'Двенадцать',
      password: 'двенадцать12',
      roles: ['operator'],
    });
    expect(id).toBeGreaterThan(0);
  });
});

describe('session fixation', () => {
  it('gives a new session id at sign-in and ends the one the browser came with', async () => {
    const ctx = testContext(t.db);
    const user = await makeUser(ctx, ['operator']);
    const first = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    const second = await signIn(ctx, {
      email: user.email,
      password: TEST_PASSWORD,
      previousToken: first.token,
    });
    expect(second.token).not.toBe(first.token);
    expect(await resolveSession(ctx, first.token)).toBeNull();
    expect((await resolveSession(ctx, second.token))?.user.id).toBe(user.userId);
  });

  it('a planted token of another account is ended too, not adopted', async () => {
    const ctx = testContext(t.db);
    const attacker = await makeUser(ctx, ['operator']);
    const victim = await makeUser(ctx, ['supervisor']);
    const planted = await signIn(ctx, { email: attacker.email, password: TEST_PASSWORD });
    const own = await signIn(ctx, {
      email: victim.email,
      password: TEST_PASSWORD,
      previousToken: planted.token,
    });
    expect(await resolveSession(ctx, planted.token)).toBeNull();
    expect((await resolveSession(ctx, own.token))?.user.id).toBe(victim.userId);
  });
});

describe('sign-in rate limit per address', () => {
  it('after 20 failures from one address refuses even a right password from it, with the wait; other addresses go on', async () => {
    const ctx = testContext(t.db);
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser(ctx, ['operator'])));
    // Spread over several accounts, so no single account reaches its own lock.
    for (let i = 0; i < 20; i++) {
      const err = await failure(
        signIn(ctx, {
          email: users[i % 5]!.email,
          password: `wrong-${i}-password`,
          address: '203.0.113.7',
        }),
      );
      expect(err.message).toBe('auth.invalid');
      ctx.clock.advance(10_000);
    }
    const limited = await failure(
      signIn(ctx, { email: users[0]!.email, password: TEST_PASSWORD, address: '203.0.113.7' }),
    );
    expect(limited.code).toBe('LOCKED');
    expect(limited.message).toBe('auth.tooManyFromAddress');
    // The first failure leaves the 15-minute window 15 min after it: 15 min − 200 s from now.
    expect(limited.details).toEqual({ minutes: 12, retryAfter: 15 * 60 - 200 });
    expect(translator('ru')('auth.tooManyFromAddress', { minutes: 12 })).toBe(
      'Слишком много неудачных попыток входа с этого адреса. Повторите через 12 мин.',
    );

    const elsewhere = await signIn(ctx, {
      email: users[0]!.email,
      password: TEST_PASSWORD,
      address: '198.51.100.4',
    });
    expect(elsewhere.token).toBeTruthy();

    ctx.clock.advance(15 * 60_000);
    const later = await signIn(ctx, {
      email: users[1]!.email,
      password: TEST_PASSWORD,
      address: '203.0.113.7',
    });
    expect(later.token).toBeTruthy();
  });

  it('unknown accounts count against the address as well', async () => {
    const ctx = testContext(t.db);
    for (let i = 0; i < 20; i++) {
      await failure(
        signIn(ctx, { email: `guess${i}@otklik.test`, password: 'x', address: '192.0.2.9' }),
      );
    }
    const err = await failure(
      signIn(ctx, { email: 'guess99@otklik.test', password: 'x', address: '192.0.2.9' }),
    );
    expect(err.message).toBe('auth.tooManyFromAddress');
  });
});

describe('secrets are never logged', () => {
  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
      return /\.(ts|mjs|js|svelte)$/.test(e.name) ? [p] : [];
    });
  }

  it('no log call mentions a password, token, secret or key', () => {
    const offenders: string[] = [];
    for (const file of [
      ...sources(path.join(ROOT, 'src')),
      ...sources(path.join(ROOT, 'scripts')),
    ]) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!/\b(console\.(log|error|warn|info|debug)|log)\(/.test(line)) return;
        // The demo password is published (README, login hints); it is no secret.
        if (/DEMO_PASSWORD/.test(line)) return;
        if (/password|passwd|token|secret|api[_-]?key|PGPASSWORD/i.test(line)) {
          offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });

  it('mail clients are created with their protocol loggers off (they would print AUTH lines)', () => {
    const smtp = fs.readFileSync(
      path.join(ROOT, 'src/lib/server/channels/email/delivery/smtp.ts'),
      'utf8',
    );
    const imap = fs.readFileSync(
      path.join(ROOT, 'src/lib/server/channels/email/imap/client.ts'),
      'utf8',
    );
    expect(smtp).toMatch(/logger: false/);
    expect(smtp).not.toMatch(/debug: true/);
    expect(imap).toMatch(/logger: false/);
  });
});

describe('CSRF', () => {
  it('SvelteKit’s origin check on form actions is not turned off', async () => {
    const config = (await import(path.join(ROOT, 'svelte.config.js'))).default as {
      kit: { csrf?: { checkOrigin?: boolean; trustedOrigins?: string[] } };
    };
    expect(config.kit.csrf?.checkOrigin).not.toBe(false);
    expect(config.kit.csrf?.trustedOrigins ?? []).toEqual([]);
  });
});

describe('public endpoints without a limit of their own', () => {
  it('the registry download is limited per address with Retry-After and a Russian message', async () => {
    resetEnv({ OTKLIK_PUBLIC_EXPORTS_PER_HOUR: '3' });
    const ctx = testContext(t.db);
    for (let i = 0; i < 3; i++) {
      expect(await overLimit(ctx, 'registryExport', '203.0.113.50')).toBeNull();
      await countHit(ctx, 'registryExport', '203.0.113.50');
      ctx.clock.advance(60_000);
    }
    const refused = await overLimit(ctx, 'registryExport', '203.0.113.50');
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toBe(String(3600 - 180));
    expect(await refused?.text()).toContain('Слишком много запросов с этого адреса');
    expect(await overLimit(ctx, 'registryExport', '203.0.113.51')).toBeNull();
    resetEnv({ OTKLIK_PUBLIC_EXPORTS_PER_HOUR: undefined });
  });
});
