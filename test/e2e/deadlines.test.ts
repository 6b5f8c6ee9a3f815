import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const MENTION = 'Упоминание: «министерство обещало выложить расписание кружков»';

describe('deadline warnings and breaches (issue 10)', () => {
  it('a supervisor filters the list by keyboard, opens an appeal, and sees it go live when an operator closes it', async () => {
    const boss = await newPage(browser);
    await signInAs(boss, 'supervisor@otklik.example');
    await boss.waitForURL((u) => !u.pathname.startsWith('/login'));
    await boss.getByRole('link', { name: 'Сроки', exact: true }).click();
    await boss.waitForURL('**/deadlines');
    await boss.waitForLoadState('networkidle');
    expect(await boss.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Предупреждения и нарушения сроков',
    );
    const rows = boss.locator('table tbody tr');
    // Least time left first: breaches (time over) before warnings (time left).
    expect(await rows.first().textContent()).toContain('просрочено на');
    expect(await rows.last().textContent()).toContain('осталось');
    expect(await boss.locator('table').textContent()).toContain('Направление по компетенции');
    const mention = rows.filter({ hasText: MENTION });
    expect(await mention.textContent()).toContain('Предупреждение');
    const number = (await mention.getByRole('link').textContent())!.trim();
    await screenshot(boss, 'deadlines-list');

    // Filters by keyboard: state «Нарушение», then «Показать».
    await boss.getByLabel('Состояние').focus();
    await boss.keyboard.press('ArrowDown');
    await boss.keyboard.press('ArrowDown');
    expect(await boss.getByLabel('Состояние').inputValue()).toBe('breached');
    await boss.getByRole('button', { name: 'Показать' }).focus();
    await boss.keyboard.press('Enter');
    await boss.waitForURL('**/deadlines?state=breached');
    await expect.poll(() => rows.filter({ hasText: 'Предупреждение' }).count()).toBe(0);
    expect(await rows.count()).toBeGreaterThan(0);
    await boss.getByRole('link', { name: 'Сбросить фильтры' }).click();
    await boss.waitForURL((u) => u.pathname === '/deadlines' && !u.search);
    await expect.poll(() => rows.filter({ hasText: MENTION }).count()).toBe(1);

    // The operator who holds the mention answers it elsewhere and closes it; the list follows.
    const operator = await newPage(browser);
    await signInAs(operator, 'operator@otklik.example');
    await operator.waitForURL((u) => !u.pathname.startsWith('/login'));
    await operator.goto('/deadlines', { waitUntil: 'networkidle' });
    expect(await operator.locator('table').textContent()).toContain(MENTION);
    // In the table: a live deadline alert may name the same appeal.
    await operator.locator('table').getByRole('link', { name: number }).click();
    await operator.waitForURL(`**/inbox/${number}`);
    await operator.waitForLoadState('networkidle');
    await operator.keyboard.press('c');
    await expect.poll(() => rows.filter({ hasText: MENTION }).count(), { timeout: 30_000 }).toBe(0);
    await screenshot(boss, 'deadlines-after-close');

    // A link goes to the appeal; a filter nobody matches says so.
    const first = (await rows.first().getByRole('link').textContent())!.trim();
    await rows.first().getByRole('link').click();
    await boss.waitForURL(`**/inbox/${first}`);
    await boss.goto('/deadlines?assignee=999999', { waitUntil: 'networkidle' });
    expect(await boss.locator('p.empty').textContent()).toContain(
      'По этим фильтрам предупреждений и нарушений нет.',
    );
    await boss.context().close();
    await operator.context().close();
  });

  it('the admin sees the classifier’s held-out accuracy, retrains it and sees which templates word the notices', async () => {
    const page = await newPage(browser);
    await signInAs(page, 'admin@otklik.example');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto('/settings/deadlines', { waitUntil: 'networkidle' });
    const model = page.getByTestId('model-holdout');
    expect(await model.textContent()).toMatch(
      /Точность на отложенных подтверждённых обращениях: 0\.\d{3} \(\d+ обращ\.\)/,
    );
    await page.getByLabel('Добавить размеченный демонстрационный набор').check();
    await page.getByRole('button', { name: 'Переобучить' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Классификатор переобучен.' }).count())
      .toBe(1);
    expect(await model.textContent()).toMatch(/\(\d+ обращ\.\)/);
    const notices = page.getByRole('table', { name: 'Уведомления заявителю' });
    expect(
      await notices.getByRole('link', { name: 'Уведомление о продлении срока ответа' }).count(),
    ).toBe(1);
    expect(await notices.textContent()).not.toContain('не опубликован');
    await screenshot(page, 'deadlines-settings-model');
    await page.context().close();
  });
});
