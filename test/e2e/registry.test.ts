import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const TOUCHPOINT = 'Чат-бот министерства в мессенджере';

async function cellsOf(xlsx: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      texts.push(cell.text);
    }),
  );
  return texts;
}

describe('registry journey', () => {
  it('a unit member proposes a touchpoint, the maintainer approves and publishes it, the public sees it', async () => {
    const member = await newPage(browser);
    await signInAs(member, 'operator@otklik.example');
    await member.getByRole('link', { name: 'Предложения в перечень' }).click();
    await member.getByLabel('Направление деятельности').selectOption({
      label: 'Рассмотрение обращений и запросов',
    });
    const process = member.getByLabel('Наименование конкретного процесса');
    await process.selectOption({ index: 1 });
    await member.getByLabel('Точка взаимодействия', { exact: true }).selectOption('new');
    await member.getByLabel('Наименование точки').fill(TOUCHPOINT);
    await member.getByLabel('Вид точки').selectOption('online');
    await member.getByLabel('Канал').selectOption('chatbot');
    await member.getByLabel(/^Адрес/).fill('https://max.ru/minobr_bot');
    await member.getByLabel('получение консультации').check();
    await member.getByLabel('получение форм документов').check();
    await member
      .getByLabel('Пояснение')
      .fill('Бот отвечает на частые вопросы о зачислении в школу.');
    await member.getByRole('button', { name: 'Отправить на рассмотрение' }).click();
    await expect.poll(() => member.getByRole('status').last().textContent()).toMatch(/отправлено/);
    await expect
      .poll(() => member.getByRole('heading', { name: new RegExp(TOUCHPOINT) }).count())
      .toBe(1);
    await screenshot(member, 'registry-proposed');
    await member.context().close();

    const maintainer = await newPage(browser);
    await signInAs(maintainer, 'maintainer@otklik.example');
    await maintainer.getByRole('link', { name: /Предложения на рассмотрении/ }).click();
    const card = maintainer.getByRole('article').filter({ hasText: TOUCHPOINT });
    await card.getByLabel('Включить в версию').check();
    await maintainer.getByRole('button', { name: 'Утвердить выбранные (1)' }).click();
    await expect
      .poll(() => maintainer.getByRole('status').last().textContent())
      .toMatch(/Утверждена версия № 3/);
    await screenshot(maintainer, 'registry-approved');

    await maintainer.goto('/registry/versions');
    const row = maintainer.getByRole('row').filter({ hasText: '№ 3' });
    await expect.poll(() => row.textContent()).toMatch(/осталось рабочих дней: 10/);
    await row.getByRole('button', { name: 'Отметить размещение' }).click();
    await expect.poll(() => maintainer.getByText(/отмечена как размещённая/).count()).toBe(1);

    const download = await maintainer.request.get('/registry/export?version=3&format=xlsx');
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    expect(await cellsOf(await download.body())).toContain(TOUCHPOINT);
    await maintainer.context().close();

    const phone = await newPage(browser);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/perechen');
    await expect.poll(() => phone.getByText(/Версия № 3/).count()).toBe(1);
    await phone.getByLabel('Канал').selectOption('chatbot');
    await expect.poll(() => phone.getByText(TOUCHPOINT).count()).toBe(1);
    await phone.getByLabel('Поиск').fill('нет такой точки');
    await expect.poll(() => phone.getByText('Ничего не найдено').count()).toBe(1);
    await screenshot(phone, 'registry-public-phone');
    await phone.context().close();
  });
});
