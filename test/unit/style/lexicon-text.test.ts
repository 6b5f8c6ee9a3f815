import { describe, expect, it } from 'vitest';
import { formatLexiconText, parseLexiconText } from '../../../src/lib/domain/style/lexicon-text';

describe('the agency dictionary as editors type it', () => {
  it('reads accepted words, banned words with replacements and preferred terms', () => {
    const lexicon = parseLexiconText({
      accepted: 'Энск\n  Заречный \n# комментарий\n\nЭнской',
      blocked: 'заява → заявление\nкомп',
      discouraged: 'ответка -> ответ',
      preferred: 'заявление ← обращение, запрос\nбез вариантов ←',
    });
    expect(lexicon.accepted).toEqual(['Энск', 'Заречный', 'Энской']);
    expect(lexicon.banned).toEqual([
      { term: 'заява', suggestion: 'заявление', severity: 'block', category: 'jargon' },
      { term: 'комп', severity: 'block', category: 'jargon' },
      { term: 'ответка', suggestion: 'ответ', severity: 'warn', category: 'jargon' },
    ]);
    expect(lexicon.preferred).toEqual([{ term: 'заявление', instead: ['обращение', 'запрос'] }]);
  });

  it('writes back what it reads', () => {
    const text = {
      accepted: 'Энск\nЗаречный',
      blocked: 'заява → заявление',
      discouraged: 'ответка → ответ\nчё',
      preferred: 'заявление ← обращение, запрос',
    };
    expect(formatLexiconText(parseLexiconText(text))).toEqual(text);
  });
});
