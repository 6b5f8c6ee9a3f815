import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('pain map journey (seed 003 §3.5–3.7)', () => {
  it('the maintainer rates a pain point and turns it into an action by keyboard', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'maintainer@otklik.example');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/metrics/pain?days=90', { waitUntil: 'networkidle' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Карта боли');

    // The demo action done 20 days ago shows its effect.
    const done = page.locator('li.action', {
      hasText: 'Автоматическое подтверждение регистрации обращений с веб-формы',
    });
    expect(await done.locator('.status').textContent()).toContain('выполнено');
    expect(await done.locator('table').textContent()).toContain('лучше');

    // The highest pain point nobody has rated yet.
    const unrated = page
      .locator('ol.points > li')
      .filter({ has: page.locator('select[name=fixability] option[value=""]:checked') })
      .first();
    // Pinned by its heading's id: once rated it no longer matches «unrated».
    const headingId = (await unrated.locator('h3').getAttribute('id'))!;
    const first = page.locator('ol.points > li', { has: page.locator(`[id="${headingId}"]`) });
    const title = (await first.locator('h3').textContent())!
      .replace(/^\s*Место \d+\.\s*/, '')
      .trim();
    expect(title).toContain(' — ');

    // Fixability: the maintainer's own rating (seed 003 §3.6).
    const fix = first.getByLabel('Возможность устранения');
    await fix.selectOption({ label: 'сложно' });
    await first.getByLabel('Комментарий').fill('Нужны изменения регламента');
    await first.getByRole('button', { name: 'Сохранить оценку' }).press('Enter');
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: 'Оценка устранимости сохранена' }).count(),
      )
      .toBe(1);
    expect(await first.locator('select[name=fixability]').inputValue()).toBe('3');
    expect(await first.getByLabel('Комментарий').inputValue()).toBe('Нужны изменения регламента');

    // «Создать мероприятие» with the keyboard only.
    const point = page.locator('ol.points > li', { hasText: title }).first();
    await point.locator('summary', { hasText: 'Создать мероприятие' }).focus();
    await page.keyboard.press('Enter');
    const name = 'Памятка для заявителей о сроках ответа';
    await page.keyboard.press('Tab');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Разместить памятку на сайте и в тексте подтверждения регистрации.');
    await page.keyboard.press('Tab');
    // Arrow keys walk the closed list of owners (type-ahead needs key events Cyrillic text lacks).
    const owner = point.getByLabel('Ответственный');
    for (let i = 0; i < 30; i++) {
      const chosen = await owner.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text);
      if (chosen?.startsWith('Кузнецов')) break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await owner.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(
      'Кузнецов Игорь Павлович',
    );
    await page.keyboard.press('Tab');
    const due = point.getByLabel('Срок');
    await page.keyboard.type('15062027');
    if ((await due.inputValue()) !== '2027-06-15') {
      // The browser's own locale may put the month first: back to the first part, that order.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('06152027');
    }
    expect(await due.inputValue()).toBe('2027-06-15');
    // Tab leaves the date's parts one by one, then reaches the form's button.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.tagName)) === 'BUTTON') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Создать мероприятие',
    );
    await page.keyboard.press('Enter');

    await expect
      .poll(() =>
        page
          .getByRole('status')
          .filter({ hasText: `Мероприятие «${name}» создано` })
          .count(),
      )
      .toBe(1);
    const action = page.locator('li.action', { hasText: name });
    expect(await action.count()).toBe(1);
    const text = (await action.textContent())!;
    expect(text).toContain('Кузнецов Игорь Павлович');
    expect(text).toContain('запланировано');
    expect(text).toContain(title.split(' — ')[0]!);
    await screenshot(page, 'painmap-action');

    // After a reload it is still there: stored, not only shown.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.locator('li.action', { hasText: name }).count()).toBe(1);
    expect(await first.locator('select[name=fixability]').inputValue()).toBe('3');
  });

  it('a supervisor sees the map but cannot edit it', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'supervisor@otklik.example');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const res = await page.goto('/metrics/pain?days=90', { waitUntil: 'networkidle' });
    expect(res?.status()).toBe(200);
    expect(
      await page.getByText('Оценку устранимости и мероприятия ведёт уполномоченное лицо').count(),
    ).toBe(1);
    expect(await page.locator('summary', { hasText: 'Создать мероприятие' }).count()).toBe(0);
    expect(await page.locator('select[name=fixability]').count()).toBe(0);
    // What the maintainer rated shows as text: the demo's web-form point is «легко».
    expect(
      await page
        .locator('ol.points > li', { hasText: 'Настройка формы и шаблона подтверждения' })
        .locator('.figures')
        .textContent(),
    ).toContain('легко');
  });
});
