import type { CompiledRule, RuleContext } from '../engine/context';
import { findAddresses } from '../text/tokens';

const SURVEY_WORDS = /(?<!\p{L})(?:опрос|анкет|оцен|удовлетвор|отзыв)\p{L}*/iu;
const SURVEY_ADDRESS = /opros|survey|anketa|ocenk|otzyv|feedback|forms|pos\.gosuslugi/i;

function bare(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function sentenceAround(ctx: RuleContext, at: number): string {
  const s = ctx.doc.sentences.find((x) => x.start <= at && at <= x.end + 1);
  return s ? ctx.doc.text.slice(s.start, s.end) : '';
}

/**
 * Seed 000 §3.4 и, seed 004 §9: every reply carries an active link to the satisfaction survey.
 * With the agency's survey address configured, only that address counts; otherwise any link whose
 * address or sentence speaks of a survey. A link without «https://» is not active in mail clients.
 */
export const surveyLinkRule: CompiledRule = {
  id: 'survey-link.present',
  category: 'survey-link',
  severity: 'block',
  clause: 'seed 000 §3.4 и; seed 004 §9',
  message: 'В ответе нет активной ссылки на опрос удовлетворённости',
  description: 'Активная ссылка на онлайн-опрос удовлетворённости в каждом ответе',
  params: {},
  run(ctx) {
    const text = ctx.doc.text;
    const configured = ctx.options.surveyUrl && bare(ctx.options.surveyUrl);
    const links = findAddresses(text).map((s) => ({ ...s, url: text.slice(s.start, s.end) }));
    const survey = links.filter((l) =>
      configured
        ? bare(l.url).startsWith(configured)
        : SURVEY_ADDRESS.test(l.url) || SURVEY_WORDS.test(sentenceAround(ctx, l.start)),
    );
    const active = survey.find((l) => /^https?:\/\//i.test(l.url));
    if (active) return [];
    const inactive = survey[0];
    if (inactive) {
      return [
        {
          start: inactive.start,
          end: inactive.end,
          message: 'Ссылка на опрос не активна: укажите полный адрес, начиная с https://',
          suggestion: `https://${bare(inactive.url)}`,
        },
      ];
    }
    const end = text.trimEnd().length;
    const message = configured
      ? `В ответе нет ссылки на опрос удовлетворённости (${ctx.options.surveyUrl})`
      : 'В ответе нет активной ссылки на опрос удовлетворённости';
    return [{ start: end, end, message, suggestion: ctx.options.surveyUrl }];
  },
};
