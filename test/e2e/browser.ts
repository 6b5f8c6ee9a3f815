import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'otklik-demo-2026';
const shots = path.resolve(import.meta.dirname, '../../test-results/e2e');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromium'),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('baseURL'), locale: 'ru-RU' });
  context.setDefaultTimeout(45_000);
  return context.newPage();
}

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  // Fill the form only once its script has loaded, so the submit is the enhanced one every time.
  await page.goto('/login', { waitUntil: 'networkidle' });
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** Screenshots are kept as artifacts of each journey under test-results/e2e/. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}
