import type { FigureKind } from '$lib/domain/metrics/figures';
import { formatFigure } from '$lib/domain/metrics/format';
import type { Locale, Translate } from '$lib/i18n/messages';

/** A figure in the reader's language: «3,5 ч», «87 %», «—». */
export function figureText(
  i18n: { locale: Locale; t: Translate },
  kind: FigureKind,
  value: number | null,
): string {
  return formatFigure(kind, value, i18n.locale === 'en' ? 'en-GB' : 'ru-RU', {
    minutes: (v) => i18n.t('metrics.unit.minutes', { value: v }),
    hours: (v) => i18n.t('metrics.unit.hours', { value: v }),
  });
}
