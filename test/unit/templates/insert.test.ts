import { describe, expect, it } from 'vitest';
import { mergeIntoReply } from '../../../src/lib/domain/templates/insert';

const SURVEY = 'Оцените, пожалуйста, наш ответ: https://otklik.example/s/abc';
const filled = `Мария Петровна, здравствуйте!\n\nШкола примет заявление с 6 июля.\n\n${SURVEY}`;

describe('putting a template into the reply (issue 9)', () => {
  it('replaces an untouched or empty reply whole', () => {
    const initial = `Мария Петровна, здравствуйте!\n\n\n\n${SURVEY}`;
    expect(mergeIntoReply(initial, filled, { start: 31, end: 31 }, true).text).toBe(filled);
    expect(mergeIntoReply('  ', filled, { start: 0, end: 0 }, false).text).toBe(filled);
  });

  it('inserts at the caret without a second greeting or survey link', () => {
    const current = `Мария Петровна, здравствуйте!\n\nСпасибо за вопрос.\n\n${SURVEY}`;
    const at = current.indexOf('\n\nОцените');
    const merged = mergeIntoReply(current, filled, { start: at, end: at }, false);
    expect(merged.text).toBe(
      `Мария Петровна, здравствуйте!\n\nСпасибо за вопрос.\n\nШкола примет заявление с 6 июля.\n\n${SURVEY}`,
    );
    expect(merged.text.slice(0, merged.caret)).toMatch(/с 6 июля\.$/);
  });

  it('keeps the greeting and link when the reply has none, and replaces a selection', () => {
    const current = 'Черновик: удалить';
    const merged = mergeIntoReply(current, filled, { start: 10, end: 17 }, false);
    expect(merged.text).toBe(`Черновик: \n\n${filled}`);
  });
});
