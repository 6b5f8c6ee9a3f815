import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { replySurveyPath } from '../support/surveys';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** The mean rating the registry shows for a touchpoint, in its figures table. */
async function meanRating(page: Page, touchpointId: number): Promise<string> {
  const row = page.locator(`tr[data-touchpoint="${touchpointId}"]`);
  await row.waitFor();
  const cell = row.locator('div', { hasText: 'Оценка, средняя' }).locator('dd');
  return (await cell.textContent())!.trim();
}

describe('metrics fed back into the registry (issue 12)', () => {
  it('a client rates a reply through its survey link; the touchpoint’s satisfaction changes in the registry at once', async () => {
    const survey = replySurveyPath(inject('dataDir'));
    expect(survey, 'the demo has a reply whose survey nobody answered').toBeDefined();

    const maintainer = await newPage(browser);
    await signInAs(maintainer, 'maintainer@otklik.example');
    await maintainer.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await maintainer.goto('/registry');
    const before = await meanRating(maintainer, survey!.touchpointId);

    // The client opens the link from the reply and gives the lowest rating.
    const client = await newPage(browser);
    await client.goto(survey!.path);
    await client.waitForLoadState('networkidle');
    await client.getByRole('radio', { name: /^1\b/ }).check();
    await client
      .getByRole('radiogroup', { name: /Решён ли ваш вопрос/ })
      .getByRole('radio', { name: 'Нет' })
      .check();
    await client.getByRole('button', { name: /Отправить|Сохранить/ }).click();
    await expect
      .poll(() => client.getByRole('status').filter({ hasText: 'Ваша оценка сохранена' }).count())
      .toBe(1);
    await client.context().close();

    // No roll-up has run since: today's figures are computed live on the registry page.
    await maintainer.reload();
    const after = await meanRating(maintainer, survey!.touchpointId);
    expect(after).not.toBe(before);
    expect(after).not.toBe('—');
    await screenshot(maintainer, 'metrics-registry-figures');

    // Sorted by the mean rating: one flat list, highest first, rows without ratings last.
    await maintainer.getByLabel('Сортировать').selectOption('satMean');
    const means = async () =>
      (
        await maintainer
          .locator('table.registry tbody tr')
          .locator('div', { hasText: 'Оценка, средняя' })
          .locator('dd')
          .allTextContents()
      ).map((t) => (t.trim() === '—' ? -1 : Number(t.trim().replace(',', '.'))));
    await expect.poll(async () => (await means()).length).toBeGreaterThan(1);
    const sorted = await means();
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(sorted[0]).toBeGreaterThan(0);
    // The flat list shows each touchpoint as the grouped one does: its kind, online or offline.
    const rows = maintainer.locator('table.registry tbody tr');
    expect(
      await rows
        .filter({ has: maintainer.locator('.badge', { hasText: /^(онлайн|офлайн)$/ }) })
        .count(),
    ).toBe(await rows.count());
    // Filtered to rows with no traffic: fewer rows, each flagged.
    await maintainer.getByLabel('Флаг', { exact: true }).selectOption('noTraffic');
    const shown = maintainer.getByText(/Показано строк:/);
    await expect.poll(() => shown.textContent()).toMatch(/Показано строк: \d+ из \d+/);
    const [n, total] = (await shown.textContent())!.match(/\d+/g)!.map(Number);
    expect(n).toBeLessThan(total!);
    expect(await maintainer.locator('table.registry tbody tr .flag-noTraffic').count()).toBe(n);

    // The metrics page: figures per touchpoint for 90 days, explained, with an XLSX export.
    await maintainer.goto('/metrics?preset=90&dim=touchpoint');
    const table = maintainer.getByRole('table');
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: survey!.touchpoint }).count())
      .toBe(1);
    expect(
      await maintainer.getByRole('columnheader', { name: 'Оценка, средняя' }).getAttribute('title'),
    ).toMatch(/Средняя оценка ответа/);
    await expect.poll(() => maintainer.locator('canvas').count()).toBe(2);
    const exportLink = maintainer.getByRole('link', { name: 'Выгрузить в XLSX' });
    expect(await exportLink.getAttribute('href')).toBe('/metrics/export?preset=90&dim=touchpoint');
    const xlsx = await maintainer.request.get((await exportLink.getAttribute('href'))!);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await screenshot(maintainer, 'metrics-page');
    await maintainer.context().close();
  });
});
