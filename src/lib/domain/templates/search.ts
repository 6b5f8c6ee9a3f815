import { searchTokens } from '../search/tokens';

export interface Searchable {
  id: number;
  title: string;
  body: string;
  tags: readonly string[];
  processIds: readonly number[];
  touchpointIds: readonly number[];
  channels: readonly string[];
}

export interface SearchContext {
  touchpointId?: number | null;
  processId?: number | null;
  channel?: string | null;
}

/** Snowball stems of a text: «зачислением» and «зачисление» meet at «зачислен». */
function stems(text: string): Set<string> {
  return new Set(searchTokens(text));
}

/** A query word matches a stem it equals or begins (the operator may still be typing it). */
function matches(word: string, haystack: Set<string>): boolean {
  if (haystack.has(word)) return true;
  for (const s of haystack) if (s.startsWith(word)) return true;
  return false;
}

/**
 * The picker's order (issue 9): every query word must be found in the title, body or tags by its
 * word form; the templates of the appeal's touchpoint and process come first, then those of its
 * channel, then title matches, then the rest by title.
 */
export function rankTemplates<T extends Searchable>(
  items: readonly T[],
  query: string,
  ctx: SearchContext = {},
): T[] {
  const words = searchTokens(query);
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    let score = 0;
    if (words.length) {
      const title = stems(`${item.title} ${item.tags.join(' ')}`);
      const all = stems(`${item.title} ${item.tags.join(' ')} ${item.body}`);
      if (!words.every((w) => matches(w, all))) continue;
      if (words.every((w) => matches(w, title))) score += 1;
    }
    if (ctx.touchpointId != null && item.touchpointIds.includes(ctx.touchpointId)) score += 8;
    if (ctx.processId != null && item.processIds.includes(ctx.processId)) score += 4;
    if (ctx.channel && item.channels.includes(ctx.channel)) score += 2;
    scored.push({ item, score });
  }
  return scored
    .sort((x, y) => y.score - x.score || x.item.title.localeCompare(y.item.title, 'ru'))
    .map((s) => s.item);
}
