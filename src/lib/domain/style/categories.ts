import type { Category } from './types';

/** Russian names of the categories, as the composer's checklist and the CLI report show them. */
export const CATEGORY_LABELS: Record<Category, string> = {
  spelling: 'орфография',
  punctuation: 'пунктуация',
  jargon: 'жаргон и просторечие',
  aggression: 'языковая агрессия',
  bureaucratese: 'канцелярит',
  foreign: 'иностранные слова',
  abbreviation: 'сокращения',
  term: 'специальные термины',
  'long-sentence': 'длинное предложение',
  complex: 'сложные конструкции',
  negative: 'отрицательные формулировки',
  consistency: 'единство терминов',
  length: 'объём ответа',
  greeting: 'обращение по имени и отчеству',
  'survey-link': 'ссылка на опрос',
  structure: 'абзацы и структура',
};

/** The checklist items of the orders each category enforces (seed 002 §3.2, seed 000 §3.4–3.5). */
export const CHECKLIST: readonly { category: Category; item: string; clause: string }[] = [
  {
    category: 'spelling',
    item: 'нет орфографических ошибок',
    clause: 'seed 000 §3.5; seed 002 §3.2',
  },
  {
    category: 'punctuation',
    item: 'нет пунктуационных ошибок',
    clause: 'seed 000 §3.5; seed 002 §3.2',
  },
  {
    category: 'jargon',
    item: 'нет жаргонной и просторечной лексики',
    clause: 'seed 000 §3.5; seed 002 §3.2',
  },
  { category: 'aggression', item: 'нет языковой агрессии', clause: 'seed 000 §3.5; seed 002 §3.2' },
  { category: 'bureaucratese', item: 'нет формализма и канцелярита', clause: 'seed 002 §3.2' },
  { category: 'foreign', item: 'нет иностранных слов', clause: 'seed 000 §3.5' },
  { category: 'abbreviation', item: 'редкие сокращения расшифрованы', clause: 'seed 002 §3.2' },
  {
    category: 'term',
    item: 'сложные термины объяснены простым языком',
    clause: 'seed 002 §3.2; seed 000 §3.5',
  },
  { category: 'long-sentence', item: 'короткие и лаконичные предложения', clause: 'seed 002 §3.2' },
  { category: 'complex', item: 'нет сложных стилистических конструкций', clause: 'seed 002 §3.2' },
  { category: 'negative', item: 'положительные формулировки', clause: 'seed 002 §3.2' },
  { category: 'consistency', item: 'один термин для одного предмета', clause: 'seed 002 §3.2' },
  { category: 'length', item: 'ответ на одной-двух страницах', clause: 'seed 000 §3.5' },
  {
    category: 'greeting',
    item: 'обращение к клиенту по имени и отчеству',
    clause: 'seed 000 §3.5',
  },
  {
    category: 'survey-link',
    item: 'активная ссылка на опрос удовлетворённости',
    clause: 'seed 000 §3.4 и; seed 004 §9',
  },
  {
    category: 'structure',
    item: 'логичная структура, тематические абзацы',
    clause: 'seed 002 §3.2',
  },
];
