import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launch, newPage, screenshot, signInAs } from './browser';

const base = inject('baseURL');
const root = path.resolve(import.meta.dirname, '../..');

function scriptSrc(csp: string): string {
  return /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
}

/** Signs in over plain HTTP and returns the session cookie pair. */
async function session(email: string, cookie?: string): Promise<string> {
  const r = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: base,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  expect(r.status).toBe(303);
  const set = r.headers.getSetCookie().find((c) => c.startsWith('otklik_session='));
  expect(set).toBeTruthy();
  return set!.split(';')[0]!;
}

describe('security over HTTP', () => {
  it('pages carry a CSP whose scripts need this response’s nonce, frame-ancestors none and nosniff; no HSTS over plain HTTP even if a client claims https', async () => {
    const r = await fetch(`${base}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    const csp = r.headers.get('content-security-policy') ?? '';
    const scripts = scriptSrc(csp);
    const nonce = /'nonce-([^']+)'/.exec(scripts)?.[1];
    expect(nonce).toBeTruthy();
    expect(scripts).not.toContain('unsafe-inline');
    expect(scripts).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/object-src 'self' blob:(;|$)/);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toBeNull();
    const html = await r.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]!));
    expect(inline.length).toBeGreaterThan(0);
    for (const m of inline) expect(m[1]).toContain(`nonce="${nonce}"`);
    // A second response has another nonce.
    const again = await fetch(`${base}/login`);
    expect(scriptSrc(again.headers.get('content-security-policy') ?? '')).not.toContain(nonce!);
  });

  it('the public web form keeps the same script policy and lets its listed origins frame it', async () => {
    const r = await fetch(`${base}/f/obrashcheniya`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(scriptSrc(csp)).toMatch(/'self' 'nonce-/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-frame-options')).toBeNull();
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a cross-origin POST to a console action; the same POST from our origin passes', async () => {
    const cookie = await session('admin@otklik.example');
    const name = `Отдел проверки CSRF ${Date.now()}`;
    const post = (origin: string, type: string, body: BodyInit) =>
      fetch(`${base}/settings?/createUnit`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin, accept: 'text/html', 'content-type': type },
        body,
      });
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', new URLSearchParams({ name })],
      ['text/plain', `name=${name}`],
    ] as const) {
      const forged = await post('http://evil.example', type, body);
      expect(forged.status, type).toBe(403);
      expect(await forged.text()).toMatch(/Cross-site .* form submissions are forbidden/);
    }
    const settings = async () => (await fetch(`${base}/settings`, { headers: { cookie } })).text();
    expect(await settings()).not.toContain(name);

    const own = await post(
      base,
      'application/x-www-form-urlencoded',
      new URLSearchParams({ name }),
    );
    expect(own.status).toBe(200);
    expect(await settings()).toContain(name);
  });

  it('a sign-in replaces the session id the browser came with and ends that session', async () => {
    const first = await session('operator@otklik.example');
    const second = await session('operator@otklik.example', first);
    expect(second).not.toBe(first);
    const withOld = await fetch(`${base}/inbox`, {
      redirect: 'manual',
      headers: { cookie: first },
    });
    expect(withOld.status).toBe(303);
    expect(withOld.headers.get('location')).toMatch(/^\/login/);
    const withNew = await fetch(`${base}/inbox`, {
      redirect: 'manual',
      headers: { cookie: second },
    });
    expect(withNew.status).toBe(200);
  });

  it('a locked account is answered 429 with Retry-After and says when to try again', async () => {
    // An account of its own: a lock on a demo login would hold up the other journeys.
    const email = `lock-${Date.now()}@otklik.example`;
    const admin = await session('admin@otklik.example');
    const created = await fetch(`${base}/users?/create`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: admin,
        origin: base,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        email,
        name: 'Проверка Блокировки',
        password: DEMO_PASSWORD,
        roles: 'operator',
      }),
    });
    expect(created.status).toBe(200);
    const attempt = (password: string) =>
      fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin: base,
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ email, password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-password-${i}`)).status).toBe(400);
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await locked.text()).toContain('Повторите вход через 1 мин.');
  });
});

describe('HSTS behind a TLS proxy', () => {
  let node: ChildProcess;
  let url: string;
  beforeAll(async () => {
    // A second node on the same data, as behind a load balancer that terminates TLS.
    node = spawn('node', ['scripts/start.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        OTKLIK_DATA: inject('dataDir'),
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        REDIS_URL: '',
        OTKLIK_TRUST_PROXY: '1',
        OTKLIK_INGEST: '0',
        OTKLIK_DELIVERY: '0',
        OTKLIK_DEADLINE_TICK_SECONDS: '0',
        OTKLIK_PRIVACY_RETENTION: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(log);
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      };
      node.stdout!.on('data', onData);
      node.stderr!.on('data', onData);
      node.once('exit', (code) => reject(new Error(`second node exited with ${code}:\n${log}`)));
    });
  });
  afterAll(async () => {
    node.kill('SIGTERM');
    await new Promise((r) => node.once('exit', r));
  });

  it('sends HSTS when the trusted proxy says https, and not for plain http', async () => {
    const tls = await fetch(`${url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    const plain = await fetch(`${url}/login`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('CSP in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  function watchViolations(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
    });
    page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
    return seen;
  }

  const kitStarted = (page: Page) =>
    page.waitForFunction(() => Object.keys(window).some((k) => k.startsWith('__sveltekit_')));

  it('sign-in, the console and client-side navigation run with no CSP violation', async () => {
    const page = await newPage(browser);
    const violations = watchViolations(page);
    await signInAs(page, 'operator@otklik.example');
    await page.waitForURL(/\/inbox/);
    await kitStarted(page);
    // Navigation inside the app keeps the window: proof the nonce'd bootstrap started the router.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.getByRole('link', { name: 'Звонки' }).first().click();
    await page.waitForURL(/\/calls/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.goBack();
    await page.waitForURL(/\/inbox/);
    const first = page.locator('a[href^="/inbox/2"]').first();
    await first.click();
    await page.waitForURL(/\/inbox\/\d{4}-\d{6}/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBeGreaterThan(0);
    await screenshot(page, 'security-csp-appeal');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('the public web form runs under its CSP and can be framed by its own site, the login cannot', async () => {
    const page = await newPage(browser);
    const violations = watchViolations(page);
    await page.goto('/f/obrashcheniya', { waitUntil: 'networkidle' });
    await kitStarted(page);
    await expect.poll(() => page.locator('form').count()).toBeGreaterThan(0);
    await screenshot(page, 'security-csp-webform');
    expect(violations).toEqual([]);

    await page.goto('/login', { waitUntil: 'networkidle' });
    const framed = await page.evaluate(async () => {
      const load = (src: string) =>
        new Promise<boolean>((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = src;
          frame.onload = () => {
            let ok: boolean;
            try {
              ok = !!frame.contentDocument?.querySelector('form');
            } catch {
              ok = false;
            }
            resolve(ok);
          };
          document.body.append(frame);
        });
      return { form: await load('/f/obrashcheniya'), login: await load('/login') };
    });
    expect(framed).toEqual({ form: true, login: false });
    await page.context().close();
  });
});
