import type { TextModel } from './context';

/** Words that introduce an explanation of a term in the same sentence (seed 002 §3.2). */
const EXPLANATION =
  /\(|\s[—–]\s|(?<!\p{L})(?:то есть|т\. ?е\.|это значит|означает|иначе говоря|другими словами|называется|так называемый)(?!\p{L})/iu;

export function explainedInSentence(doc: TextModel, start: number, end: number): boolean {
  const sentence = doc.sentences.find((s) => s.start <= start && end <= s.end);
  if (!sentence) return false;
  return EXPLANATION.test(doc.text.slice(sentence.start, sentence.end));
}
