import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { currentLexicon, saveLexicon } from '../../src/lib/server/style/lexicon.service';

/** The demo ministry's own words: places and institutions of the region, and what never to write. */
export async function seedLexicon(ctx: ServiceContext, editor: Actor): Promise<number> {
  if ((await currentLexicon(ctx.db)).revision) return 0;
  await saveLexicon(ctx, editor, {
    lexicon: {
      accepted: ['Энск', 'Энская', 'Энской', 'Заречный', 'Заречном', 'ДЮСШ', 'Минобрнауки', 'ЕИСУ'],
      banned: [
        { term: 'ответка', suggestion: 'ответ', severity: 'block', category: 'jargon' },
        { term: 'отписка', suggestion: 'ответ', severity: 'warn', category: 'jargon' },
      ],
      preferred: [{ term: 'заявление', instead: ['заявка', 'прошение'] }],
    },
    summary: 'Названия региона и учреждений; слова, которых не должно быть в ответах',
  });
  return 1;
}
