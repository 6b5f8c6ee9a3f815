import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(email: string, path: string): Promise<Page> {
  const page = await newPage(browser);
  await signInAs(page, email);
  await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
  await page.goto(path, { waitUntil: 'networkidle' });
  return page;
}

/** A citizen writes through the public web form: the third party of the journey. */
async function citizenWrites(subject: string): Promise<string> {
  const client = await newPage(browser);
  await client.goto('/f/obrashcheniya', { waitUntil: 'networkidle' });
  await client.locator('#wf-surname').fill('Лебедева');
  await client.locator('#wf-firstName').fill('Надежда');
  await client.locator('#wf-email').fill('lebedeva@mail.example');
  await client.locator('#wf-subject').fill(subject);
  await client
    .locator('#wf-text')
    .fill('Прошу сообщить, когда откроется запись в кружки робототехники при школе № 5.');
  await client.locator('#wf-consent').check();
  await client.getByRole('button', { name: 'Отправить обращение' }).click();
  await client.waitForURL(/\/done\//);
  const status = await client.getByRole('status').textContent();
  await client.context().close();
  return /\d{4}-\d{6}/.exec(status ?? '')![0];
}

const tile = (page: Page, label: string) =>
  page.locator('.tiles div', { hasText: label }).locator('dd');

describe('live queues and the wallboard (issue 11)', () => {
  it('shows a new appeal everywhere at once, moves it live, and warns of a collision', async () => {
    const wall = await signedIn('supervisor@otklik.example', '/queues/wallboard');
    const board = await signedIn('supervisor@otklik.example', '/queues');
    const operator = await signedIn('operator@otklik.example', '/inbox?queue=mine');
    await expect.poll(() => wall.getByText('На связи').count()).toBe(1);
    await expect.poll(() => operator.getByText('На связи').count()).toBe(1);
    const arrivedBefore = Number(await tile(wall, 'Поступило за час').textContent());

    const number = await citizenWrites('Запись в кружок робототехники');

    // No reload anywhere: the wallboard counts it, the board lists it.
    await expect
      .poll(async () => Number(await tile(wall, 'Поступило за час').textContent()))
      .toBe(arrivedBefore + 1);
    const row = board.getByRole('checkbox', { name: `Выбрать обращение ${number}` });
    await row.waitFor();
    await screenshot(wall, 'live-wallboard');

    // The supervisor hands it to the operator with the keyboard; the operator's queue shows it.
    expect(
      await operator.locator('table').getByRole('link', { name: number, exact: true }).count(),
    ).toBe(0);
    await row.focus();
    await board.keyboard.press('Space');
    const smirnova = await board
      .locator('#reassign-to option', { hasText: 'Смирнова Анна Викторовна' })
      .getAttribute('value');
    await board.getByLabel('Кому передать').selectOption(smirnova!);
    await board.getByRole('button', { name: 'Передать выбранные (1)' }).press('Enter');
    await board.getByText('Передано обращений: 1').waitFor();
    await operator.locator('table').getByRole('link', { name: number, exact: true }).waitFor();
    await expect
      .poll(() => operator.locator('nav .badge').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await screenshot(board, 'live-queues');

    // Both open it: each sees the other; the supervisor's typing shows at the operator's.
    await operator.goto(`/inbox/${number}`, { waitUntil: 'networkidle' });
    await board.goto(`/inbox/${number}`, { waitUntil: 'networkidle' });
    await operator.getByText('Кузнецов Игорь Павлович тоже открыл(а) это обращение').waitFor();
    await board.getByText('Смирнова Анна Викторовна тоже открыл(а) это обращение').waitFor();
    await board.locator('#reply-text').focus();
    await board.keyboard.type('Надежда, здравствуйте! ');
    await operator.getByText('Кузнецов Игорь Павлович пишет ответ…').waitFor();
    await screenshot(operator, 'live-collision');
  });
});
