import type { CompiledRule, Hit, RuleContext } from '../engine/context';
import { hasGrammeme } from '../morphology/morphology';
import { wordKey } from '../text/normalize';

const SALUTATION =
  /(?<!\p{L})([Уу]важаем\p{L}*|[Зз]дравствуйте|[Дд]обрый (?:день|вечер)|[Дд]оброе утро)[\s,]+((?:\p{Lu}[\p{L}-]*|оглы|кызы)(?:\s+(?:\p{Lu}[\p{L}-]*|оглы|кызы)){0,3})?/u;

/** «Анна Викторовна, здравствуйте!» — the name first is as courteous as the salutation first. */
const NAME_FIRST =
  /^\s*((?:\p{Lu}[\p{L}-]*|оглы|кызы)(?:\s+(?:\p{Lu}[\p{L}-]*|оглы|кызы)){1,3})\s*,\s*(?:[Зз]дравствуйте|[Дд]обрый (?:день|вечер)|[Дд]оброе утро)/u;

const MESSAGE = 'Обратитесь к клиенту по имени и отчеству';

const PATRONYMIC = /(?:ович|евич|ьич|ильич|ична|овна|евна|инична)$/u;
const TURKIC_PATRONYMIC = new Set(['оглы', 'кызы', 'улы', 'уулу']);

function isPatronymic(ctx: RuleContext, word: string): boolean {
  if (TURKIC_PATRONYMIC.has(word.toLowerCase())) return true;
  if (PATRONYMIC.test(word.toLowerCase())) return true;
  return hasGrammeme(ctx.morph.analyze(word), 'Patr');
}

/** The opening of the reply: its first three paragraphs (a heading may come first), 400 characters. */
function opening(ctx: RuleContext): { start: number; end: number } {
  const first = ctx.doc.paragraphs[0] ?? { start: 0, end: 0 };
  const third = ctx.doc.paragraphs[2] ?? ctx.doc.paragraphs.at(-1) ?? first;
  return { start: first.start, end: Math.min(third.end, first.start + 400) };
}

function suggested(ctx: RuleContext, name: string): string {
  const patronymic = name.split(/\s+/).at(-1) ?? '';
  const female =
    /(?:на|кызы)$/u.test(patronymic) || hasGrammeme(ctx.morph.analyze(patronymic), 'femn');
  return `${female ? 'Уважаемая' : 'Уважаемый'} ${name}!`;
}

/**
 * Seed 000 §3.5: address the client by first name and patronymic (the written-reply section asks
 * for the same business-letter courtesy as calls). Naming another person is an error that blocks.
 */
export const greetingRule: CompiledRule = {
  id: 'greeting.name',
  category: 'greeting',
  severity: 'warn',
  clause: 'seed 000 §3.5',
  message: MESSAGE,
  description: 'Обращение к клиенту по имени и отчеству, без ошибки в имени',
  params: {},
  run(ctx) {
    const span = opening(ctx);
    const head = ctx.doc.text.slice(span.start, span.end);
    const nameFirst = NAME_FIRST.exec(head);
    const salutation = nameFirst ? null : SALUTATION.exec(head);
    const m: { index: number; text: string; name: string | undefined } | null = nameFirst
      ? { index: nameFirst.index, text: nameFirst[0], name: nameFirst[1] }
      : salutation && { index: salutation.index, text: salutation[0], name: salutation[2] };
    const expected = ctx.options.clientName?.trim().split(/\s+/).filter(Boolean) ?? [];
    const suggestion = expected.length ? suggested(ctx, expected.join(' ')) : undefined;
    if (!m) {
      const end = span.start + (head.indexOf('\n') < 0 ? head.length : head.indexOf('\n'));
      return [
        {
          start: span.start,
          end,
          message: 'Ответ не начинается с обращения к клиенту по имени и отчеству',
          suggestion,
        },
      ];
    }
    const start = span.start + m.index;
    const hit: Hit = { start, end: start + m.text.trimEnd().length };
    const words = m.name?.split(/\s+/) ?? [];
    if (expected.length) {
      const used = words.map(wordKey);
      if (expected.every((w) => used.includes(wordKey(w)))) return [];
      if (!words.length) return [{ ...hit, message: MESSAGE, suggestion }];
      return [
        {
          ...hit,
          severity: 'block',
          message: `В обращении «${words.join(' ')}», а клиента зовут ${expected.join(' ')}`,
          suggestion,
        },
      ];
    }
    if (words.length >= 2 && words.slice(1).some((w) => isPatronymic(ctx, w))) return [];
    return [{ ...hit, message: MESSAGE }];
  },
};
