import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderLetter, type LetterData } from '../../../src/lib/server/letterhead/pdf';

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

const letter: LetterData = {
  agencyName: 'Министерство образования и науки Энской области',
  emblem: null,
  requisites: 'ул. Советская, д. 10, г. Энск\nтел. +7 (4000) 20-30-40',
  number: '01-12/7',
  date: '02.03.2026',
  reference: { number: '2026-000123', date: '27.02.2026' },
  addressee: ['Иванова Мария Петровна', 'ivanova@mail.example'],
  text: 'Мария Петровна, здравствуйте!\n\nШкола примет заявление о зачислении с 6 июля.\n\nОцените, пожалуйста, наш ответ: https://opros.example/s/abc',
  signatory: { position: 'Заместитель министра', name: 'О. В. Белова' },
  executor: 'Исп.: Смирнова Анна Викторовна',
  title: 'Ответ на обращение № 2026-000123',
};

describe('letter on the letterhead (seed 000 §3.5)', () => {
  it('carries the number, date, addressee, text, signatory and executor in Cyrillic', async () => {
    const { pages, text } = await pdfText(await renderLetter(letter));
    expect(pages).toBe(1);
    for (const part of [
      'МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ЭНСКОЙ ОБЛАСТИ',
      'ул. Советская, д. 10, г. Энск',
      '02.03.2026 № 01-12/7',
      'На № 2026-000123 от 27.02.2026',
      'Иванова Мария Петровна',
      'Мария Петровна, здравствуйте!',
      'Школа примет заявление о зачислении с 6 июля.',
      'https://opros.example/s/abc',
      'Заместитель министра',
      'О. В. Белова',
      'Исп.: Смирнова Анна Викторовна',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('ПРОЕКТ');
  });

  it('a preview has no number and says «ПРОЕКТ»; a long letter numbers its pages', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) =>
        `Абзац ${i + 1}: школа примет заявление о зачислении с 6 июля, если в ней есть свободные места.`,
    ).join('\n\n');
    const { pages, text } = await pdfText(
      await renderLetter({ ...letter, number: null, text: long }),
    );
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('ПРОЕКТ');
    expect(text).toContain('02.03.2026 № ____________');
    expect(text).toContain('Абзац 40');
    expect(text).toContain('О. В. Белова');
  });

  it('draws a PNG emblem', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const bytes = await renderLetter({ ...letter, emblem: new Uint8Array(png) });
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Subtype /Image');
  });
});
