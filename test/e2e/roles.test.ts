import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const NAV: Record<string, string[]> = {
  operator: ['Обращения', 'Звонки', 'Сроки', 'Предложения в перечень'],
  supervisor: ['Обращения', 'Звонки', 'Сроки', 'Очереди', 'Показатели', 'Предложения в перечень'],
  editor: ['Шаблоны и скрипты', 'Словари стиля', 'Предложения в перечень'],
  maintainer: ['Перечень точек', 'Показатели', 'Предложения в перечень'],
  admin: ['Настройки', 'Пользователи', 'Предложения в перечень'],
};

function userCount(): number {
  const db = new Database(path.join(inject('dataDir'), 'otklik.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from users').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('signing in by role', () => {
  for (const [role, labels] of Object.entries(NAV)) {
    it(`${role} signs in and sees exactly their sections`, async () => {
      const page = await newPage(browser);
      await signInAs(page, `${role}@otklik.example`);
      const nav = page.getByRole('navigation', { name: 'Основная навигация' });
      await nav.waitFor();
      // Each section's name; a badge beside it (my open work) is not part of the name.
      expect(await nav.getByRole('link').locator('.label').allTextContents()).toEqual(labels);
      expect(await nav.getByRole('link').count()).toBe(labels.length);
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain('На связи');
      await screenshot(page, `signed-in-${role}`);
      await page.context().close();
    });
  }

  it('shows an announced error for a wrong password and keeps the email typed', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'operator@otklik.example', 'не-тот-пароль');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Неверная электронная почта или пароль');
    expect(await page.getByLabel('Электронная почта').inputValue()).toBe('operator@otklik.example');
    expect(page.url()).toContain('/login');
    await screenshot(page, 'wrong-password');
    await page.context().close();
  });

  it('keeps an operator out of admin pages and admin procedures, changing nothing', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'operator@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    const response = await page.goto('/users');
    expect(response?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('Недостаточно прав');
    await screenshot(page, 'operator-forbidden');

    const before = userCount();
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/trpc/users.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'intruder@otklik.test',
          name: 'Взломщик',
          password: 'очень-длинный-пароль',
          roles: ['admin'],
          unitIds: [],
        }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    const actionStatus = await page.evaluate(async () => {
      const form = new FormData();
      for (const [k, v] of Object.entries({
        email: 'intruder2@otklik.test',
        name: 'Взломщик',
        password: 'очень-длинный-пароль',
        roles: 'admin',
      }))
        form.append(k, v);
      const res = await fetch('/users?/create', {
        method: 'POST',
        body: form,
        headers: { 'x-sveltekit-action': 'true' },
      });
      return res.status;
    });
    expect(actionStatus).toBe(403);
    expect(userCount()).toBe(before);
    await page.context().close();
  });

  it('switches the interface to English and back, keyboard first', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'admin@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Перейти к содержимому',
    );
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Settings',
      'Users',
      'Registry proposals',
    ]);
    await screenshot(page, 'admin-english');
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.context().close();
  });
});
