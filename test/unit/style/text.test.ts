import { describe, expect, it } from 'vitest';
import { buildTextModel } from '../../../src/lib/domain/style/text/model';
import { stem } from '../../../src/lib/domain/style/text/stem';

describe('text model', () => {
  it('keeps addresses and e-mails out of the words', () => {
    const doc = buildTextModel('Пишите на info@edu.kursk.ru или https://school.ru/a.b, спасибо.');
    expect(doc.tokens.map((t) => t.text)).toEqual(['Пишите', 'на', 'или', 'спасибо']);
  });

  it('splits sentences at end punctuation, not after «т. е.», initials or «г.»', () => {
    const doc = buildTextModel('Приём в г. Курске, т. е. у нас. Подпись: И. П. Сидорова. Ждём!');
    const sentences = doc.sentences.map((s) => doc.text.slice(s.start, s.end));
    expect(sentences).toEqual([
      'Приём в г. Курске, т. е. у нас.',
      'Подпись: И. П. Сидорова.',
      'Ждём!',
    ]);
  });

  it('treats a wrapped line as the same sentence and a list item as a new one', () => {
    const doc = buildTextModel('Приходите в\nсреду. Возьмите:\n- паспорт;\n- справку.');
    expect(doc.sentences).toHaveLength(4);
    expect(doc.text.slice(doc.sentences[0]!.start, doc.sentences[0]!.end)).toBe(
      'Приходите в\nсреду.',
    );
  });

  it('finds paragraphs by blank lines and by line breaks after a full stop', () => {
    const doc = buildTextModel('Первый абзац.\nВторой абзац\nпродолжается.\n\nТретий.');
    expect(doc.paragraphs.map((p) => doc.text.slice(p.start, p.end))).toEqual([
      'Первый абзац.',
      'Второй абзац\nпродолжается.',
      'Третий.',
    ]);
  });
});

describe('stemmer for words the dictionary lacks', () => {
  it('gives every case form of a noun and every form of a verb one stem', () => {
    expect(new Set(['заява', 'заявы', 'заявой', 'заяву', 'заявами'].map(stem))).toEqual(
      new Set(['заяв']),
    );
    expect(stem('заморачиваться')).toBe(stem('заморачивайтесь'));
  });
});
