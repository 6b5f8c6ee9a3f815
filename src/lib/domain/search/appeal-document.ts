import { emailTokens } from './email';
import { contactText } from './phone';
import { documentText, isRussianWord, normalizeText, searchWords } from './tokens';

/** Longer appeals (long e-mail threads with quoted history) are indexed by their beginning. */
export const MAX_DOCUMENT_CHARS = 20_000;

export interface AppealSearchSource {
  number: string;
  subject: string;
  client: {
    surname: string | null;
    firstName: string | null;
    patronymic: string | null;
    organization: string | null;
  };
  /** Normalised e-mail addresses and phone numbers. */
  contacts: readonly string[];
  /** In timeline order. */
  interactions: readonly { subject: string | null; text: string | null }[];
}

export interface AppealDocument {
  /** Normalised text for PostgreSQL's `to_tsvector('russian', …)`. */
  text: string;
  /** Latin words and numbers split out of e-mails and appeal numbers, which the Russian parser keeps whole. */
  extras: string;
  /**
   * The client's names unstemmed: Snowball cuts «Петров» to «петр» but «Петрову» to «петров», so
   * the name as written is indexed too.
   */
  names: string;
  /** Stemmed tokens for SQLite FTS5, followed by the names. */
  body: string;
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > max / 2 ? cut : max);
}

export function appealDocument(
  src: AppealSearchSource,
  maxChars = MAX_DOCUMENT_CHARS,
): AppealDocument {
  const { surname, firstName, patronymic, organization } = src.client;
  const parts = new Set<string>();
  for (const p of [
    src.number,
    src.subject,
    surname,
    firstName,
    patronymic,
    organization,
    ...src.contacts.map(contactText),
    ...src.interactions.flatMap((i) => [i.subject, i.text]),
  ]) {
    const t = p?.trim();
    if (t) parts.add(t);
  }
  const whole = normalizeText([...parts].join('\n'));
  const mails = emailTokens(whole).join(' ');
  const text = [mails, cap(whole, maxChars - mails.length - 1)].filter(Boolean).join('\n');
  const extras = new Set(searchWords(text).filter((w) => !isRussianWord(w)));
  const names = [...new Set(searchWords([surname, firstName, patronymic].join(' ')))].join(' ');
  return {
    text,
    extras: [...extras].join(' '),
    names,
    body: [documentText([text]), names].filter(Boolean).join(' '),
  };
}
