import lexicon from './data/mood-lexicon.json';
import { searchTokens } from '../search/tokens';
import type { Priority } from '../appeals/status';

export type Mood = 'negative' | 'neutral' | 'positive';

export interface MoodLexicon {
  negative: string[];
  positive: string[];
  aggression: string[];
  urgency: string[];
}

export interface MoodResult {
  mood: Mood;
  aggression: boolean;
  urgent: boolean;
  /** The words that decided, as written in the lexicon. */
  hits: { negative: string[]; positive: string[]; aggression: string[]; urgency: string[] };
}

type Compiled = Record<keyof MoodLexicon, { word: string; stems: string[] }[]>;

export function compileLexicon(l: MoodLexicon): Compiled {
  const c = (words: string[]) => words.map((word) => ({ word, stems: searchTokens(word) }));
  return {
    negative: c(l.negative),
    positive: c(l.positive),
    aggression: c(l.aggression),
    urgency: c(l.urgency),
  };
}

const DEFAULT = compileLexicon(lexicon as MoodLexicon);

function found(tokens: string[], entries: Compiled[keyof Compiled]): string[] {
  const hits: string[] = [];
  for (const e of entries) {
    if (!e.stems.length) continue;
    for (let i = 0; i + e.stems.length <= tokens.length; i++) {
      if (e.stems.every((s, j) => tokens[i + j] === s)) {
        hits.push(e.word);
        break;
      }
    }
  }
  return hits;
}

/** Mood, aggression and urgency of a letter from the lexicon (seed 003 §2.6.2). */
export function readMood(text: string, compiled: Compiled = DEFAULT): MoodResult {
  const tokens = searchTokens(text);
  const hits = {
    negative: found(tokens, compiled.negative),
    positive: found(tokens, compiled.positive),
    aggression: found(tokens, compiled.aggression),
    urgency: found(tokens, compiled.urgency),
  };
  const neg = hits.negative.length + hits.aggression.length;
  const mood: Mood =
    neg > hits.positive.length ? 'negative' : hits.positive.length > neg ? 'positive' : 'neutral';
  return { mood, aggression: hits.aggression.length > 0, urgent: hits.urgency.length > 0, hits };
}

/**
 * Priority from the reading (issue 10: strong negative mood or aggression raises priority):
 * urgency → urgent; aggression or two and more negative words → high; otherwise the base.
 */
export function priorityFrom(m: MoodResult, base: Priority = 'normal'): Priority {
  const order: Priority[] = ['low', 'normal', 'high', 'urgent'];
  let p: Priority = base;
  const raise = (to: Priority) => {
    if (order.indexOf(to) > order.indexOf(p)) p = to;
  };
  if (m.urgent) raise('urgent');
  if (m.aggression || m.hits.negative.length >= 2) raise('high');
  return p;
}
