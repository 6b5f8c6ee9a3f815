import { NEEDS, NEED_LABELS, type Need } from './vocabulary';

/** The eight needs named in seed 000 §4.9 / seed 004 §19; the ninth, «other», is free text. */
export type StandardNeed = Exclude<Need, 'other'>;

/**
 * Phrases people write in column 5 of the form for each standard need, beside the order's own
 * wording. Text is compared word by word after folding case and «ё», and word endings are
 * tolerated, so «Подача заявлений» and «подача заявления» are the same phrase.
 */
const PHRASES: Record<StandardNeed, string[]> = {
  information: [
    NEED_LABELS.information,
    'получение информации',
    'получение сведений',
    'получение справочной информации',
    'предоставление информации',
    'информирование',
    'информация',
  ],
  consultation: [
    NEED_LABELS.consultation,
    'консультирование',
    'консультация',
    'предоставление консультации',
    'проведение консультации',
  ],
  forms: [
    NEED_LABELS.forms,
    'получение форм',
    'получение бланков',
    'получение бланков документов',
    'получение образцов документов',
    'получение образцов заявлений',
    'формы документов',
    'бланки документов',
    'бланки заявлений',
    'скачивание форм документов',
  ],
  submit: [
    NEED_LABELS.submit,
    'представление заявления',
    'представление документов',
    'предоставление заявления',
    'предоставление документов',
    'подача заявления',
    'подача обращения',
    'подача запроса',
    'подача документов',
    'подача жалобы',
    'направление заявления',
    'направление обращения',
    'направление запроса',
    'направление документов',
    'прием заявления',
    'прием обращения',
    'прием документов',
  ],
  result: [
    NEED_LABELS.result,
    'получение результата',
    'получение ответа',
    'получение разъяснения',
    'получение результата услуги',
    'получение результата предоставления услуги',
    'выдача результата',
    'выдача результата предоставления услуги',
    'получение документов',
    'выдача документов',
  ],
  inspection: [
    NEED_LABELS.inspection,
    'предоставление объектов для осмотра',
    'предоставление объектов для проверки',
    'осмотр объектов',
    'проведение осмотра',
    'выездная проверка',
  ],
  feedback: [
    NEED_LABELS.feedback,
    'обратная связь',
    'оценка качества',
    'оценка качества услуги',
    'оценка качества предоставления услуги',
    'оценка удовлетворенности',
    'оценка работы',
    'прохождение опроса',
    'участие в опросе',
    'отзыв',
    'направление отзыва',
    'оставление отзыва',
  ],
  feedback_result: [
    NEED_LABELS.feedback_result,
    'результат рассмотрения обратной связи',
    'получение ответа на отзыв',
    'получение ответа на обратную связь',
    'ответ на отзыв',
  ],
};

/** Words that may follow a phrase without changing which need it names. */
const COMMON_TAIL =
  'и или а также в том числе о об на по для от с ' +
  'заявления обращения запроса документов жалобы услуги государственной ' +
  'телефону электронной почте почтой почтовым отправлением устной письменной электронном ' +
  'бумажном виде форме лично личном приеме онлайн через портал госуслуги епгу мфц ' +
  'официальный официальном сайт сайте';

function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const min = Math.min(a.length, b.length);
  let common = 0;
  while (common < min && a[common] === b[common]) common++;
  return common >= Math.max(4, min - 2);
}

interface Candidate {
  need: StandardNeed;
  phrase: string[];
  tail: string[];
}

const CANDIDATES: Candidate[] = (Object.keys(PHRASES) as StandardNeed[])
  .flatMap((need) => {
    const tail = [...new Set([...words(NEED_LABELS[need]), ...words(COMMON_TAIL)])];
    return PHRASES[need].map((p) => ({ need, phrase: words(p), tail }));
  })
  .sort((a, b) => b.phrase.length - a.phrase.length);

const BULLET = /^\s*(?:[-–—•*·▶►]+|\d{1,2}[.)]|[а-яa-z][)])\s*/iu;

function tidy(text: string): string {
  return text
    .replace(BULLET, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.;,:]+|[\s.;,:]+$/g, '');
}

/**
 * The standard need a piece of column-5 text names, or null when it says something else (then the
 * import keeps it as «other» with the text, so nothing the agency wrote is lost). Matching is
 * deliberately strict: «получение консультации» and «Консультирование» match, but «получение
 * консультации о зачислении в кадетский класс» does not, because its detail would be dropped.
 */
export function matchNeed(text: string): StandardNeed | null {
  const t = words(tidy(text));
  if (t.length === 0) return null;
  for (const c of CANDIDATES) {
    if (t.length < c.phrase.length) continue;
    if (!c.phrase.every((w, i) => sameWord(w, t[i] ?? ''))) continue;
    if (t.slice(c.phrase.length).every((w) => c.tail.some((x) => sameWord(w, x)))) return c.need;
  }
  return null;
}

const OTHER_PREFIX = new RegExp(
  `^(?:${['другие удовлетворяемые потребности клиента', 'другие потребности', 'другое', 'иное', 'прочее'].join('|')})\\s*[:—–-]\\s*`,
  'iu',
);

/** Splits a column-5 cell into items: one per line or per «;». */
export function splitNeedsText(text: string): string[] {
  return text
    .split(/[;\n\r]+/)
    .map(tidy)
    .filter(Boolean);
}

function matchAll(parts: string[]): StandardNeed[] | null {
  const found = parts.map(matchNeed);
  return found.every((n): n is StandardNeed => n !== null) ? found : null;
}

/**
 * Reads column 5 of the form (or any free text of needs) into codes: each item that names a
 * standard need becomes its code; the rest is kept, joined by «; », as «other» with that text.
 */
export function matchNeeds(text: string): { needs: Need[]; needsOther: string | null } {
  const found = new Set<Need>();
  const others: string[] = [];
  for (const item of splitNeedsText(text)) {
    const single = matchNeed(item);
    const several = single
      ? [single]
      : matchAll(
          item
            .split(/,|\s+и\s+/)
            .map(tidy)
            .filter(Boolean),
        );
    if (several && several.length > 0) {
      for (const n of several) found.add(n);
      continue;
    }
    others.push(item.replace(OTHER_PREFIX, '').trim() || item);
  }
  if (others.length > 0) found.add('other');
  return {
    needs: NEEDS.filter((n) => found.has(n)),
    needsOther: others.length ? others.join('; ') : null,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Column 5 of the official form (seed 004 annex, seed 001 annex 1): one need per line in the
 * order of seed 000 §4.9, the order's wording for standard needs and the agency's own text for
 * «other». `matchNeeds` reads it back to the same codes.
 */
export function formatNeeds(needs: readonly Need[], needsOther: string | null): string {
  const other = needsOther ? splitNeedsText(needsOther).join('; ') : '';
  return NEEDS.filter((n) => needs.includes(n))
    .map((n) =>
      n === 'other' ? other || capitalize(NEED_LABELS.other) : capitalize(NEED_LABELS[n]),
    )
    .join(';\n');
}
