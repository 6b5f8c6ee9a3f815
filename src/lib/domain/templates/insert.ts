const GREETING = /здравствуйте|^\s*уважаем|^\s*добр(?:ый|ое)\s/iu;
const LINK = /https?:\/\/\S+/g;

export interface Merged {
  text: string;
  /** Where the caret goes: after the inserted words. */
  caret: number;
}

/**
 * Puts a filled-in reply template into the composer (issue 9). An untouched or empty reply is
 * replaced whole. Otherwise the template's words go in at the caret without a second greeting or a
 * second copy of a link the reply already has (the survey link of seed 000 §3.4 и).
 */
export function mergeIntoReply(
  current: string,
  filled: string,
  selection: { start: number; end: number },
  untouched: boolean,
): Merged {
  if (untouched || !current.trim()) return { text: filled, caret: filled.length };
  const head = current.slice(0, 400);
  const paragraphs = filled.split(/\n\s*\n/).filter((p, i) => {
    if (i === 0 && GREETING.test(p) && GREETING.test(head)) return false;
    const links = p.match(LINK) ?? [];
    return !(links.length && links.every((l) => current.includes(l)));
  });
  const piece = paragraphs.join('\n\n');
  const before = current.slice(0, selection.start);
  const after = current.slice(selection.end);
  const lead =
    !before.trim() || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const tail =
    !after.trim() || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const text = `${before}${lead}${piece}${tail}${after}`;
  return { text, caret: before.length + lead.length + piece.length };
}
