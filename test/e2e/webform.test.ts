import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Keyboard only: Tab until the element with this id has focus. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 60; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with Tab`);
}

describe('client web form journey (seed 000 §3.4, §4.13)', () => {
  it('sends by keyboard, fixes an announced error, tracks the appeal and sees the reply', async () => {
    const client = await newPage(browser);
    const res = await client.goto('/f/obrashcheniya');
    expect(res?.status()).toBe(200);
    await client.waitForLoadState('networkidle');
    const labels = {
      surname: 'Фамилия',
      firstName: 'Имя',
      patronymic: 'Отчество',
      email: 'Электронная почта',
      phone: 'Телефон',
      subject: 'Тема',
      text: 'Текст обращения',
    };
    for (const [key, label] of Object.entries(labels)) {
      expect(await client.locator(`label[for=wf-${key}]`).textContent()).toMatch(
        new RegExp(`^\\s*${label}`),
      );
    }
    expect(await client.getByLabel(/согласие на обработку персональных данных/).count()).toBe(1);
    expect(await client.locator('#wf-email').getAttribute('autocomplete')).toBe('email');

    const text = 'Школа отказывает в зачислении сына из-за временной регистрации. Что делать?';
    await tabTo(client, 'wf-surname');
    await client.keyboard.type('Соколова');
    await client.keyboard.press('Tab');
    await client.keyboard.type('Елена');
    await client.keyboard.press('Tab');
    await client.keyboard.type('Игоревна');
    await client.keyboard.press('Tab');
    await client.keyboard.type('sokolova@');
    await tabTo(client, 'wf-subject');
    await client.keyboard.type('Зачисление в первый класс');
    await client.keyboard.press('Tab');
    await client.keyboard.type(text);
    await tabTo(client, 'wf-consent');
    await client.keyboard.press('Space');
    await tabTo(client, '');
    await client.keyboard.press('Shift+Tab');
    while ((await client.evaluate(() => document.activeElement?.tagName)) !== 'BUTTON') {
      await client.keyboard.press('Tab');
    }
    await client.keyboard.press('Enter');

    const alert = client.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Проверьте адрес почты');
    const email = client.locator('#wf-email');
    expect(await email.inputValue()).toBe('sokolova@');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('wf-email-error');
    expect(await client.locator('#wf-text').inputValue()).toBe(text);
    await screenshot(client, 'webform-error');

    await tabTo(client, 'wf-email');
    await client.keyboard.press('End');
    await client.keyboard.type('mail.example');
    await tabTo(client, 'wf-consent');
    expect(await client.locator('#wf-consent').isChecked()).toBe(true);
    while ((await client.evaluate(() => document.activeElement?.tagName)) !== 'BUTTON') {
      await client.keyboard.press('Tab');
    }
    await client.keyboard.press('Enter');

    await client.waitForURL(/\/f\/obrashcheniya\/done\//);
    const status = await client.getByRole('status').textContent();
    const number = /\d{4}-\d{6}/.exec(status ?? '')![0];
    expect(await client.getByText(/Ответ мы направим/).count()).toBe(1);
    const tracking = await client.getByRole('link', { name: /\/t\// }).getAttribute('href');
    expect(tracking).toMatch(/^\/t\/[\w-]{22,}/);
    await screenshot(client, 'webform-done');

    const operator = await newPage(browser);
    await signInAs(operator, 'operator@otklik.example');
    await operator.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await operator.goto('/inbox?queue=all');
    await operator.locator('table').getByRole('link', { name: number, exact: true }).waitFor();
    await operator.goto(`/inbox/${number}`);
    await expect.poll(() => operator.getByText('На связи').count()).toBe(1);
    await expect.poll(() => operator.getByText(/Оценка текста/).count()).toBe(1);
    const answer =
      'Временная регистрация даёт те же права на зачисление. Подайте заявление снова, а при отказе попросите письменный ответ.';
    await operator.keyboard.press('r');
    await operator.keyboard.type(answer);
    await expect
      .poll(() => operator.getByRole('status').filter({ hasText: 'Оценка текста' }).textContent())
      .not.toMatch(/Нужно исправить/);
    await operator.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect
      .poll(() => operator.getByText('Ответ поставлен в очередь отправки.').count())
      .toBe(1);

    await client.goto(tracking!);
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toContain(number);
    await expect.poll(() => client.getByRole('list').first().textContent()).toContain(answer);
    expect(await client.getByText('дан ответ').count()).toBe(1);
    await screenshot(client, 'webform-tracking');
    await client.getByRole('link', { name: 'English' }).click();
    await client.getByRole('heading', { name: `Appeal ${number}` }).waitFor();
    await client.context().close();
    await operator.context().close();
  });
});
