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

const LINE = '+74000203040';

function callRow(pbxCallId: string) {
  const db = new Database(path.join(inject('dataDir'), 'otklik.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `select c.outcome, c.duration_sec as durationSec, c.chk_greeted + c.chk_asked_name +
         c.chk_used_name + c.chk_clarified + c.chk_solution as ticked, a.number, a.status
         from calls c join appeals a on a.id = c.appeal_id where c.pbx_call_id = ?`,
      )
      .get(pbxCallId) as
      | {
          outcome: string;
          durationSec: number | null;
          ticked: number;
          number: string;
          status: string;
        }
      | undefined;
  } finally {
    db.close();
  }
}

async function hydrated(page: Page) {
  await expect.poll(() => page.getByText('На связи').count()).toBe(1);
}

/** The simulated PBX. */
function pbx(token: string, body: Record<string, unknown>) {
  return fetch(`${inject('baseURL')}/api/telephony/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ line: LINE, ...body }),
  });
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('phone call journey', () => {
  it('a PBX call pops up, the operator logs it resolved with the keyboard, and it shows in the client’s history', async () => {
    // The admin issues a token for the demo hotline.
    const admin = await newPage(browser);
    await signInAs(admin, 'admin@otklik.example');
    await admin.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await admin.goto('/settings');
    await admin.getByRole('link', { name: /Телефония/ }).click();
    await admin.getByRole('heading', { level: 1, name: 'Телефония' }).waitFor();
    await hydrated(admin);
    await admin.getByRole('button', { name: 'Новый токен: Горячая линия' }).click();
    const tokenBox = admin.getByTestId('line-token');
    await tokenBox.waitFor();
    const token = (await tokenBox.textContent())!.trim();
    expect(token).toMatch(/^otk_line_/);
    await screenshot(admin, 'telephony-settings');
    await admin.context().close();

    const page = await newPage(browser);
    await signInAs(page, 'operator@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/calls');
    await hydrated(page);

    const callId = `e2e-${Date.now()}.1`;
    const started = Date.now();
    const ringing = await pbx(token, {
      event: 'ringing',
      callId,
      caller: '8 (999) 123-45-67',
      at: new Date(started).toISOString(),
      agent: '101',
    });
    expect(ringing.status).toBe(200);
    expect((await pbx('otk_line_wrong', { event: 'ended', callId, at: started })).status).toBe(401);

    const open = page.getByRole('link', { name: 'Открыть карточку звонка' });
    await open.waitFor();
    expect(
      await page.getByRole('alert').filter({ hasText: 'Входящий звонок' }).textContent(),
    ).toContain('+7 (999) 123-45-67');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toContain('Открыть карточку звонка');
    await screenshot(page, 'call-popup');
    const answered = await pbx(token, {
      event: 'answered',
      callId,
      at: new Date(started + 1000).toISOString(),
      agent: '101',
    });
    expect(answered.status).toBe(200);

    // Keyboard only from here: the call screen opens pre-filled with the caller's number.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Звонок +7 (999) 123-45-67' }).waitFor();
    expect(await page.getByRole('timer').count()).toBe(1);
    await expect.poll(() => focused(page)).toBe('c-surname');
    const kb = page.keyboard;
    await kb.type('Воронова');
    await kb.press('Tab');
    await kb.type('Елена');
    await kb.press('Tab');
    await kb.type('Михайловна');
    await kb.press('Tab');
    expect(await focused(page)).toBe('c-touchpoint');
    await kb.press('Tab');
    expect(await focused(page)).toBe('c-process');
    const script = page.getByRole('region', { name: 'Скрипт разговора' });
    const general = await script.textContent();
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    expect(await page.locator('#c-process option:checked').textContent()).toContain(
      'государственной итоговой аттестации',
    );
    await expect.poll(() => script.textContent()).not.toBe(general);
    expect(await script.textContent()).not.toContain('скрипта пока нет');
    await kb.press('Tab');
    await kb.type('Когда будут результаты ЕГЭ по русскому языку');
    await kb.press('Tab');
    await kb.type('Объяснила сроки публикации результатов и порядок апелляции.');
    for (let i = 0; i < 5; i++) {
      await kb.press('Tab');
      await kb.press('Space');
    }
    await kb.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'resolved',
    );
    await screenshot(page, 'call-screen');
    await kb.press('Control+Enter');

    const saved = page.getByRole('status').filter({ hasText: 'Звонок записан: обращение' });
    await saved.waitFor();
    const number = /(\d{4}-\d{6})/.exec((await saved.textContent())!)![1]!;

    // The appeal and the call are in the client's history on the call screen…
    const history = page.getByRole('region', { name: 'История клиента' });
    await expect.poll(() => history.textContent()).toContain('Воронова Елена Михайловна');
    expect(
      await history
        .getByRole('list', { name: 'Обращения' })
        .getByRole('link', { name: number })
        .count(),
    ).toBe(1);
    expect(await history.getByRole('list', { name: 'Звонки' }).textContent()).toContain(
      'Когда будут результаты ЕГЭ по русскому языку',
    );
    await screenshot(page, 'call-logged');

    // …the PBX's hang-up fills the duration…
    expect(
      (await pbx(token, { event: 'ended', callId, at: new Date(started + 93_000).toISOString() }))
        .status,
    ).toBe(200);
    expect(callRow(callId)).toEqual({
      outcome: 'resolved',
      durationSec: 92,
      ticked: 5,
      number,
      status: 'closed',
    });

    // …and the appeal, closed, carries the call in its timeline and the client's history.
    await page.getByRole('link', { name: `Открыть обращение ${number}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
    const timeline = page.getByRole('list').filter({ hasText: 'Объяснила сроки публикации' });
    expect(await timeline.textContent()).toContain('звонок');
    expect(await page.getByText('закрыто').count()).toBeGreaterThan(0);
    const client = page.getByRole('region', { name: 'Клиент', exact: true });
    expect(await client.textContent()).toContain('Воронова Елена Михайловна');
    const clientHistory = page.getByRole('region', { name: /Все обращения клиента/ });
    expect(await clientHistory.getByRole('link', { name: number }).count()).toBe(1);
    await screenshot(page, 'call-appeal');
    await page.context().close();
  });

  it('a due callback opens pre-filled; handing the call to a colleague pops it up for them', async () => {
    const boss = await newPage(browser);
    await signInAs(boss, 'supervisor@otklik.example');
    await boss.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await boss.goto('/inbox');
    await hydrated(boss);

    const page = await newPage(browser);
    await signInAs(page, 'operator@otklik.example');
    await page.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await page.goto('/calls');
    await hydrated(page);
    await page.keyboard.press('c');
    const due = page.getByRole('table', { name: 'Пора перезвонить' });
    await due.waitFor();
    expect(await due.textContent()).toContain('Путёвка в загородный лагерь');
    await screenshot(page, 'callbacks-queue');
    await due.getByRole('link', { name: 'Перезвонить' }).first().click();

    await page.getByRole('heading', { level: 1, name: /Звонок \+7 \(912\) 555-40-70/ }).waitFor();
    expect(await page.getByLabel('Фамилия').inputValue()).toBe('Мухаметова');
    expect(await page.getByLabel('Тема').inputValue()).toMatch(
      /^Обратный звонок по обращению 2026-/,
    );
    const appeal = page.getByRole('radio', { name: /Путёвка в загородный лагерь/ });
    expect(await appeal.isChecked()).toBe(true);

    await page.getByLabel('Сотруднику').selectOption({ label: 'Кузнецов Игорь Павлович' });
    await page
      .getByLabel('Причина перевода')
      .fill('Путёвки для детей-инвалидов согласует руководитель');
    await page.getByRole('button', { name: 'Перевести', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Звонок переведён (1-й перевод).' }).waitFor();
    expect(await page.getByLabel('Тема').inputValue()).toMatch(/^Обратный звонок по обращению/);
    expect(await page.getByRole('region', { name: 'Переводы' }).textContent()).toContain(
      'Кузнецов Игорь Павлович',
    );
    await screenshot(page, 'call-transferred');

    await boss.getByRole('link', { name: 'Открыть карточку звонка' }).waitFor();
    expect(await boss.getByRole('alert').filter({ hasText: 'Вам переведён звонок' }).count()).toBe(
      1,
    );
    await screenshot(boss, 'call-popup-transferred');
    await boss.keyboard.press('Escape');
    await expect
      .poll(() => boss.getByRole('link', { name: 'Открыть карточку звонка' }).count())
      .toBe(0);
    await boss.context().close();
    await page.context().close();
  });
});
