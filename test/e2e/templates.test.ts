import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const TITLE = 'Место в детском саду: очередь';

function templateRow(title: string) {
  const db = new Database(path.join(inject('dataDir'), 'otklik.sqlite'), { readonly: true });
  try {
    return db
      .prepare('select id, status, version, body from templates where title = ?')
      .get(title) as { id: number; status: string; version: number; body: string };
  } finally {
    db.close();
  }
}

async function hydrated(page: Page) {
  await expect.poll(() => page.getByText('На связи').count()).toBe(1);
}

describe('editor journey (issue 9)', () => {
  it('edits a template, the checklist blocks publishing until it is fixed, then publishes it', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'editor@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.getByRole('link', { name: 'Шаблоны и скрипты' }).click();
    await page.getByRole('heading', { level: 1, name: 'Шаблоны и скрипты' }).waitFor();
    // The demo has a stale template and one waiting for review (seed 000 §3.4 з).
    const stale = page.getByRole('region', { name: 'Пора проверить актуальность' });
    expect(await stale.getByRole('link', { name: 'Благодарность получена' }).count()).toBe(1);
    const review = page.getByRole('region', { name: 'Ждут проверки' });
    await screenshot(page, 'templates-dashboard');
    await review.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await hydrated(page);

    const body = page.getByLabel('Текст', { exact: true });
    const original = await body.inputValue();
    const survey = original.slice(original.lastIndexOf('\n\n'));
    expect(survey).toBe('\n\nОцените, пожалуйста, наш ответ: {{links.survey}}');
    // The editor rewords a sentence and drops the survey link by mistake.
    const edited = original
      .replace('Номер ребёнка в очереди виден', 'Место ребёнка в очереди видно')
      .slice(0, -survey.length);
    await body.fill(edited);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.getByText('Сохранено как версия 2.').count()).toBe(1);
    const summary = page.locator('#checklist-summary');
    await expect.poll(() => summary.textContent()).toMatch(/Нужно исправить: 1/);
    expect(await page.getByRole('region', { name: 'Чек-лист' }).textContent()).toContain(
      'нет ссылки на опрос',
    );

    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Опубликовать нельзя/);
    await screenshot(page, 'template-blocked');
    expect(templateRow(TITLE).status).toBe('review');

    // The fix: the link goes back in from the variable menu (seed 000 §3.4 и).
    await body.fill(`${edited}\n\nОцените, пожалуйста, наш ответ: `);
    await body.press('Control+End');
    await page.getByRole('button', { name: 'Вставить переменную' }).click();
    await page.getByRole('menuitem', { name: /Ссылка на опрос/ }).click();
    expect(await body.inputValue()).toBe(`${edited}${survey}`);
    await page.getByRole('button', { name: 'Проверить по чек-листу' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/Блокирующих замечаний нет/);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.getByText('Сохранено как версия 3.').count()).toBe(1);

    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await expect
      .poll(() => page.getByText('Опубликовано: операторы видят эту версию.').count())
      .toBe(1);
    await screenshot(page, 'template-published');
    const row = templateRow(TITLE);
    expect(row).toMatchObject({ status: 'published', version: 3 });
    expect(row.body).toBe(`${edited}${survey}`);

    await page.getByRole('link', { name: 'Сравнить версии' }).click();
    await page.getByRole('heading', { level: 1, name: 'Версии' }).waitFor();
    expect((await page.locator('ins').allTextContents()).join('')).toContain('{{links.survey}}');
    await screenshot(page, 'template-versions');
    await page.context().close();
  });

  it('the admin sees the letterhead and its sample letter is a PDF', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'admin@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Официальный бланк' }).click();
    await page.getByRole('heading', { level: 1, name: 'Официальный бланк' }).waitFor();
    expect(await page.getByLabel('Подписант', { exact: true }).inputValue()).toBe('О. В. Белова');
    expect(await page.getByRole('img', { name: 'Герб на бланке' }).count()).toBe(1);
    await screenshot(page, 'letterhead-settings');
    const pdf = await page.request.get('/settings/letterhead/preview');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});
