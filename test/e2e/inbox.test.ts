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

function outboxFor(number: string) {
  const db = new Database(path.join(inject('dataDir'), 'otklik.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `select o.status, i.text from outbox o join interactions i on i.id = o.interaction_id
         join appeals a on a.id = i.appeal_id where a.number = ?`,
      )
      .all(number) as { status: string; text: string }[];
  } finally {
    db.close();
  }
}

/** Shortcuts work once the page is hydrated; the live-connection badge says so. */
async function hydrated(page: Page) {
  await expect.poll(() => page.getByText('На связи').count()).toBe(1);
}

describe('operator inbox journey', () => {
  it('finds an appeal by a word form, takes it, notes, replies; the reply is queued and in the timeline', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'operator@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/inbox?queue=mine');
    await hydrated(page);
    await page.keyboard.press('/');
    await page.keyboard.type('зачислением прописки');
    await page.keyboard.press('Enter');
    // Not among my appeals: the empty result offers the same search in the other queues.
    await page.getByText('Ничего не найдено').waitFor();
    await page.getByRole('link', { name: '«Все»' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('queue')).toBe('all');
    expect(new URL(page.url()).searchParams.get('q')).toBe('зачислением прописки');
    // In the results table: a deadline alert may name other appeals beside it at any moment.
    const link = page.getByRole('table').getByRole('link', { name: /^2026-\d{6}$/ });
    await expect.poll(() => link.count()).toBe(1);
    expect(await page.getByRole('row').nth(1).textContent()).toContain(
      'Зачисление сына в первый класс',
    );
    await screenshot(page, 'inbox-search');
    const number = (await link.textContent())!.trim();

    // Keyboard: j focuses the first appeal, Enter opens it.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();

    await page.keyboard.press('a');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Исполнитель изменён' }).count())
      .toBe(1);

    await page.getByLabel('Внутренняя заметка').fill('Уточнить в школе № 14 основания отказа.');
    await page.getByRole('button', { name: 'Добавить заметку' }).click();
    await expect.poll(() => page.getByText('Заметка добавлена.').count()).toBe(1);

    const answer =
      'Школа не может отказать из-за временной регистрации: она даёт те же права на зачисление. Подайте заявление повторно, а при отказе попросите письменный ответ и пришлите его нам.';
    // The composer starts with the greeting and the survey link; the operator writes between them.
    await expect.poll(() => page.getByText(/Оценка текста/).count()).toBe(1);
    await page.keyboard.press('r');
    await page.keyboard.type(answer);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Оценка текста' }).textContent())
      .not.toMatch(/Нужно исправить/);
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect.poll(() => page.getByText('Ответ поставлен в очередь отправки.').count()).toBe(1);

    const timeline = page.getByRole('list').filter({ hasText: 'Уточнить в школе № 14' });
    await expect.poll(() => timeline.textContent()).toContain('временной регистрации');
    // The demo has no mail server: the reply waits in the outbox or shows why it is not sent yet.
    expect(await timeline.textContent()).toMatch(/ждёт отправки|не отправлено/);
    expect(await page.getByText('дан ответ').count()).toBeGreaterThan(0);
    await screenshot(page, 'appeal-replied');
    const [queued, ...more] = outboxFor(number);
    expect(more).toEqual([]);
    expect(['pending', 'sending', 'failed']).toContain(queued?.status);
    expect(queued?.text).toMatch(
      new RegExp(`^Анна Викторовна, здравствуйте!\\n\\n${answer.slice(0, 40)}`),
    );
    expect(queued?.text).toMatch(/Оцените, пожалуйста, наш ответ: http:\/\/\S+\/s\/[\w-]{20,}$/);
    await page.context().close();
  });

  it('inserts a template with the variables filled and sends it with a PDF letter on the letterhead', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'supervisor@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/inbox?queue=all&q=компенсация');
    await hydrated(page);
    const link = page
      .getByRole('table')
      .getByRole('link', { name: /^2026-\d{6}$/ })
      .first();
    const number = (await link.textContent())!.trim();
    await link.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    await expect.poll(() => page.getByText(/Оценка текста/).count()).toBe(1);

    await page.getByRole('button', { name: 'Шаблоны' }).click();
    const dialog = page.getByRole('dialog', { name: 'Шаблон ответа' });
    await dialog.getByLabel('Найти шаблон').fill('компенсация родительской платы');
    await dialog
      .getByRole('button', { name: /Компенсация родительской платы за детский сад/ })
      .click();
    const reply = page.locator('#reply-text');
    await expect
      .poll(() => reply.inputValue())
      .toMatch(
        /^Рустам Ильдарович, здравствуйте!|^Здравствуйте, Рустам Ильдарович!|Рустам Ильдарович/,
      );
    expect(await reply.inputValue()).not.toContain('{{');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Оценка текста' }).textContent())
      .not.toMatch(/Нужно исправить/);
    await page.getByLabel('Приложить письмо на официальном бланке (PDF)').check();
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect
      .poll(() => page.getByText(/Ответ поставлен в очередь отправки|Ответ сохранён/).count())
      .toBe(1);
    const pdf = page.getByRole('link', { name: /^Ответ на обращение .*\.pdf$/ });
    await expect.poll(() => pdf.count()).toBe(1);
    const response = await page.request.get((await pdf.getAttribute('href'))!);
    const { extractText, getDocumentProxy } = await import('unpdf');
    const text = (
      await extractText(await getDocumentProxy(new Uint8Array(await response.body())), {
        mergePages: true,
      })
    ).text;
    expect(text).toContain('Рустам');
    expect(text).toMatch(/компенсац/i);
    await screenshot(page, 'reply-from-template-with-letter');
    await page.context().close();
  });

  it('opens the shortcut help with ? and closes it with Escape', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'supervisor@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/inbox');
    await hydrated(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Клавиши' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('следующее обращение');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.context().close();
  });
});
