import type { TextModel } from '../engine/context';
import { splitParagraphs, splitSentences } from './sentences';
import { findAddresses, tokenize, type Span } from './tokens';

export function buildTextModel(text: string, masked: readonly Span[] = []): TextModel {
  const all = [...findAddresses(text), ...masked].sort((a, b) => a.start - b.start);
  const tokens = tokenize(text, all);
  return {
    text,
    masked: all,
    tokens,
    sentences: splitSentences(text, tokens),
    paragraphs: splitParagraphs(text),
  };
}
