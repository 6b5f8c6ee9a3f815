import { beforeAll, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/lib/domain/style/checker';
import type { CheckOptions } from '../../../src/lib/domain/style/types';
import { testChecker } from './checker-instance';

let checker: Checker;
beforeAll(async () => {
  checker = await testChecker();
});

const SURVEY = 'Оцените, пожалуйста, наш ответ: https://opros.kursk.ru/edu.';
const only = (text: string, category: string, options: CheckOptions = {}) =>
  checker.check(text, options).findings.filter((f) => f.category === category);

describe('greeting (seed 000 §3.5)', () => {
  const body = `Ваш сын зачислен в секцию.\n\n${SURVEY}`;

  it('passes a salutation with first name and patronymic', () => {
    for (const opening of [
      'Уважаемая Мария Ивановна!',
      'Здравствуйте, Рашид Ильдарович!',
      'Добрый день, Гульнара Рашитовна!',
      'Уважаемый Эльчин Рашид оглы!',
      'Мария Ивановна, здравствуйте!',
      'Гульнара Рашитовна, добрый день!',
    ]) {
      expect(only(`${opening}\n\n${body}`, 'greeting'), opening).toEqual([]);
    }
  });

  it('blocks a name-first greeting that names someone else', () => {
    const [f] = only(`Мария Петровна, здравствуйте!\n\n${body}`, 'greeting', {
      clientName: 'Мария Ивановна',
    });
    expect(f?.severity).toBe('block');
  });

  it('finds the salutation after a heading, and in a file with Windows line ends', () => {
    const text = `Ответ на обращение № 2026-000123\r\n\r\nУважаемая Мария Ивановна!\r\n\r\n${body}`;
    expect(only(text, 'greeting', { clientName: 'Мария Ивановна' })).toEqual([]);
    expect(only(text, 'structure')).toEqual([]);
  });

  it('warns when the client is not named by first name and patronymic', () => {
    for (const opening of ['Добрый день!', 'Уважаемый заявитель!', 'Уважаемая Мария!']) {
      const [f] = only(`${opening}\n\n${body}`, 'greeting');
      expect(f?.severity, opening).toBe('warn');
    }
  });

  it('blocks a salutation naming someone else, and suggests the right one', () => {
    const [f] = only(`Уважаемая Мария Ивановна!\n\n${body}`, 'greeting', {
      clientName: 'Марина Ивановна',
    });
    expect(f).toMatchObject({ severity: 'block', text: 'Уважаемая Мария Ивановна' });
    expect(f?.suggestion).toBe('Уважаемая Марина Ивановна!');
  });

  it('compares the surface form, so a patronymic is not taken for the father’s name', () => {
    const text = `Уважаемый Иван Петрович!\n\n${body}`;
    expect(only(text, 'greeting', { clientName: 'Иван Петрович' })).toEqual([]);
    expect(only(text, 'greeting', { clientName: 'Иван Пётр' })).toHaveLength(1);
  });
});

describe('survey link (seed 000 §3.4 и, seed 004 §9)', () => {
  const head = 'Уважаемый Иван Петрович!\n\nВаш сын зачислен в секцию.\n\n';

  it('passes an active link to a survey', () => {
    expect(only(head + SURVEY, 'survey-link')).toEqual([]);
    expect(
      only(`${head}Пройдите опрос: https://pos.gosuslugi.ru/form/?id=1`, 'survey-link'),
    ).toEqual([]);
  });

  it('blocks a reply without one', () => {
    const [f] = only(`${head}Ждём вас на тренировке.`, 'survey-link');
    expect(f?.severity).toBe('block');
  });

  it('blocks a link a mail client will not open, and suggests the full address', () => {
    const [f] = only(`${head}Оцените наш ответ: opros.kursk.ru/edu`, 'survey-link');
    expect(f).toMatchObject({
      text: 'opros.kursk.ru/edu',
      suggestion: 'https://opros.kursk.ru/edu',
    });
  });

  it('does not count an unrelated link', () => {
    expect(only(`${head}Расписание: https://school5.ru/raspisanie`, 'survey-link')).toHaveLength(1);
  });
});

describe('structure (seed 002 §3.2)', () => {
  const sentence = 'Субсидию получают хозяйства, которые сохранили поголовье коров. ';

  it('warns about a long reply without paragraphs', () => {
    const [f] = only(`Уважаемый Иван Петрович! ${sentence.repeat(14)}${SURVEY}`, 'structure');
    expect(f?.severity).toBe('warn');
  });

  it('passes the same text in paragraphs', () => {
    const paragraphs = Array.from({ length: 7 }, () => sentence.repeat(2).trim()).join('\n\n');
    expect(only(`Уважаемый Иван Петрович!\n\n${paragraphs}\n\n${SURVEY}`, 'structure')).toEqual([]);
  });
});

describe('punctuation pairs', () => {
  it('finds an unclosed bracket or quote, and ignores list markers', () => {
    const f = only('Приходите (в среду. Конкурс «Лыжня России пройдёт.', 'punctuation', {
      fragment: true,
    });
    expect(f.map((x) => x.text)).toEqual(['(', '«']);
    expect(only('Возьмите:\n1) паспорт;\n2) справку.', 'punctuation', { fragment: true })).toEqual(
      [],
    );
  });
});

describe('spelling', () => {
  it('flags a misspelt word with a suggestion', () => {
    const [f] = only('Здраствуйте!', 'spelling', { fragment: true });
    expect(f).toMatchObject({ severity: 'block', suggestion: 'Здравствуйте' });
  });

  it('accepts glossary words in any form, hyphenated words and Latin acronyms', () => {
    const text = 'На Госуслугах есть онлайн-опрос; отсканируйте QR-код, а ещё есть Телеграм-канал.';
    expect(only(text, 'spelling', { fragment: true })).toEqual([]);
  });

  it('only notes an unknown capitalised word inside a sentence: it may be a name', () => {
    const [f] = only('Тренировки ведёт Шайхутдинова.', 'spelling', { fragment: true });
    expect(f?.severity).toBe('info');
  });

  it('catches a Latin letter hidden in a Russian word', () => {
    expect(only('Принесите cправку.', 'spelling', { fragment: true })).toHaveLength(1);
  });
});

describe('complex constructions (seed 002 §3.2)', () => {
  it('flags three genitives in a row but not an official title', () => {
    const chain = only('Копия решения органа опеки прилагается.', 'complex', { fragment: true });
    expect(chain.map((f) => f.text)).toEqual(['Копия решения органа опеки']);
    const title = 'Вам ответит начальник отдела образования администрации района.';
    expect(only(title, 'complex', { fragment: true })).toEqual([]);
  });
});
