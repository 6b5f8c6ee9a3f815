import type { CompiledRule } from '../engine/context';

/**
 * Seed 002 §3.2: «выстраивать структуру ответа логично и последовательно, группируя тематические
 * блоки». A reply longer than `minChars` needs paragraphs; a paragraph over `maxParagraphChars`
 * is a wall of text. Short lines (salutation, signature) do not count as paragraphs.
 */
export const structureRule: CompiledRule = {
  id: 'structure.paragraphs',
  category: 'structure',
  severity: 'warn',
  clause: 'seed 002 §3.2',
  message: 'Длинный ответ без абзацев: разбейте текст на смысловые блоки',
  description: 'Длинный ответ разбит на абзацы по темам',
  params: { minChars: 800, maxParagraphChars: 1200, shortLine: 80 },
  run(ctx) {
    const { minChars = 800, maxParagraphChars = 1200, shortLine = 80 } = ctx.params;
    const body = ctx.doc.paragraphs.filter((p) => p.end - p.start > shortLine);
    const longest = body.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a), body[0]!);
    if (ctx.doc.text.trim().length > minChars && body.length < 2 && longest) {
      return [{ start: longest.start, end: longest.end }];
    }
    return body
      .filter((p) => p.end - p.start > maxParagraphChars)
      .map((p) => ({
        start: p.start,
        end: p.end,
        severity: 'info' as const,
        message: `Абзац длиннее ${maxParagraphChars} знаков: разделите его на два`,
      }));
  },
};
