import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { replySurveyPath } from '../support/surveys';
import { launch, newPage, screenshot, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Keyboard only: Tab until the element with this id has focus. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach #${id} with Tab`);
}

type Focus = { name?: string; value?: string; tag?: string };

/** Keyboard only: Tab until the focused element is what the test looks for. */
async function tabUntil(page: Page, wanted: (f: Focus) => boolean) {
  for (let i = 0; i < 40; i++) {
    if (wanted(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

const focused = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return { name: el?.name, value: el?.value, tag: el?.tagName };
  });

function stored(token: string) {
  const db = new Database(path.join(inject('dataDir'), 'otklik.sqlite'), { readonly: true });
  try {
    return db
      .prepare('select rating, resolved, comment from survey_responses where link_token = ?')
      .all(token);
  } finally {
    db.close();
  }
}

describe('client survey journey (seed 000 §3.4 и, issue 12)', () => {
  it('a client answers a reply’s survey by keyboard, sees the thanks, reopens the link and changes the answer', async () => {
    const survey = replySurveyPath(inject('dataDir'));
    expect(survey, 'the demo has a reply whose survey nobody answered').toBeDefined();
    const client = await newPage(browser);
    const res = await client.goto(survey!.path);
    expect(res?.status()).toBe(200);
    await client.waitForLoadState('networkidle');
    expect(await client.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Оцените, пожалуйста, наш ответ',
    );
    expect(await client.getByText(`Обращение № ${survey!.appealNumber}`).count()).toBe(1);
    // The scale is a labelled radio group whose ends say what they mean.
    const scale = client.getByRole('radiogroup', { name: /Насколько вы удовлетворены/ });
    expect(await scale.getByRole('radio').count()).toBe(5);
    expect(await client.getByRole('radio', { name: /^5 — полностью/ }).count()).toBe(1);

    // Sent empty: the errors are announced and each leads to its question.
    await tabUntil(client, (f) => f.tag === 'BUTTON');
    await client.keyboard.press('Enter');
    const alert = client.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Ответ не сохранён');
    expect(await alert.getByRole('link').allTextContents()).toEqual([
      'Насколько вы удовлетворены ответом?: Ответьте, пожалуйста, на этот вопрос.',
      'Решён ли ваш вопрос?: Ответьте, пожалуйста, на этот вопрос.',
    ]);
    await screenshot(client, 'survey-errors');

    // 4 of 5 with the arrow keys, «Нет», a comment, Enter on the button.
    await tabTo(client, 'q-rating');
    await client.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await client.keyboard.press('ArrowRight');
    expect(await focused(client)).toMatchObject({ name: 'rating', value: '4' });
    await client.keyboard.press('Tab');
    expect(await focused(client)).toMatchObject({ name: 'resolved', value: 'yes' });
    await client.keyboard.press('ArrowRight');
    expect(await focused(client)).toMatchObject({ name: 'resolved', value: 'no' });
    await client.keyboard.press('Tab');
    await client.keyboard.type('Ответ не по существу: просил сроки, а прислали ссылку на закон.');
    await client.keyboard.press('Tab');
    await client.keyboard.press('Enter');
    const thanks = client
      .getByRole('status')
      .filter({ hasText: 'Спасибо! Ваша оценка сохранена.' });
    await expect.poll(() => thanks.count()).toBe(1);
    expect(await thanks.textContent()).toMatch(/Изменить ответ по этой ссылке можно до \d+/);
    await screenshot(client, 'survey-thanks');
    expect(stored(survey!.token)).toEqual([
      {
        rating: 4,
        resolved: 0,
        comment: 'Ответ не по существу: просил сроки, а прислали ссылку на закон.',
      },
    ]);

    // The same link later: the saved answer is there and can be changed.
    const again = await newPage(browser);
    await again.goto(survey!.path);
    await again.waitForLoadState('networkidle');
    expect(await again.getByText(/Вы уже ответили на этот опрос/).count()).toBe(1);
    expect(await again.getByRole('radio', { name: '4', exact: true }).isChecked()).toBe(true);
    expect(await again.getByRole('textbox').inputValue()).toContain('Ответ не по существу');
    // Tab into the group lands on the chosen rating; two steps left make it 2.
    await tabUntil(again, (f) => f.name === 'rating');
    expect(await focused(again)).toMatchObject({ name: 'rating', value: '4' });
    await again.keyboard.press('ArrowLeft');
    await again.keyboard.press('ArrowLeft');
    await again.getByRole('button', { name: 'Сохранить изменения' }).focus();
    await again.keyboard.press('Enter');
    const updated = again.getByRole('status').filter({ hasText: 'Изменения сохранены' });
    await expect.poll(() => updated.count()).toBe(1);
    await screenshot(again, 'survey-edited');
    expect(stored(survey!.token)).toEqual([
      {
        rating: 2,
        resolved: 0,
        comment: 'Ответ не по существу: просил сроки, а прислали ссылку на закон.',
      },
    ]);
    await client.context().close();
    await again.context().close();
  });

  it('the editor finds the seed 003 annex questionnaire published; a visitor answers it once per session', async () => {
    const editor = await newPage(browser);
    await signInAs(editor, 'editor@otklik.example');
    await editor.getByRole('navigation', { name: 'Основная навигация' }).waitFor();
    await editor.goto('/templates/questionnaires');
    const row = editor.getByRole('row').filter({ hasText: 'Опубликованная анкета' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('link').click();
    await expect
      .poll(() => editor.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/доступностью, составом и качеством информации/);
    expect(await editor.getByLabel('Текст вопроса').count()).toBe(24);
    const link = editor.getByRole('link', { name: /\/q\// });
    const href = new URL((await link.getAttribute('href'))!).pathname;
    await screenshot(editor, 'questionnaire-editor');
    await editor.context().close();

    const visitor = await newPage(browser);
    await visitor.goto(href);
    await visitor.waitForLoadState('networkidle');
    await visitor.getByRole('radio', { name: 'Скорее удовлетворен(а)' }).check();
    await visitor.getByRole('checkbox', { name: 'Официальный сайт Министерства' }).check();
    await visitor.getByRole('checkbox', { name: 'Другое (укажите)' }).check();
    await visitor.getByLabel('Уточните').first().fill('Родительский чат школы');
    await visitor
      .getByRole('radiogroup', { name: /^10\. Насколько Вы удовлетворены доступностью/ })
      .getByRole('radio', { name: '4', exact: true })
      .check();
    await visitor.getByRole('button', { name: 'Отправить ответы' }).click();
    await expect
      .poll(() => visitor.getByRole('status').filter({ hasText: 'Спасибо за участие' }).count())
      .toBe(1);
    await visitor.goto(href);
    expect(await visitor.getByText('Вы уже ответили на этот опрос в этом браузере').count()).toBe(
      1,
    );
    await screenshot(visitor, 'questionnaire-answered');
    await visitor.context().close();
  });

  it('an unknown link says plainly that there is no such survey', async () => {
    const page = await newPage(browser);
    const res = await page.goto('/s/AAAAAAAAAAAAAAAAAAAAAA');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain('Опрос не найден');
    await page.context().close();
  });
});
