import { normalizeText } from './tokens';

const EMAIL = /[\p{L}\p{Nd}._%+-]+@[\p{L}\p{Nd}-]+(?:\.[\p{L}\p{Nd}-]+)+/gu;
/** More than this many addresses in one appeal (a pasted mailing list) add no more tokens. */
const MAX_EMAILS = 20;

/**
 * An e-mail address as one search word: «ivan.petrov@mail.ru» → «ivanpetrovmailru». Split into
 * its parts, an address is a phrase whose words («mail», «ru») occur in most appeals, and a
 * phrase query reads all of them; one word is one short posting list, and its beginning
 * («ivan.petrov@mail») is a prefix of it.
 */
export function emailToken(address: string): string {
  return normalizeText(address).replace(/[^\p{L}\p{Nd}]+/gu, '');
}

/** The tokens of the addresses a text holds, each once. */
export function emailTokens(text: string): string[] {
  const out = new Set<string>();
  for (const [address] of text.matchAll(EMAIL)) {
    out.add(emailToken(address));
    if (out.size === MAX_EMAILS) break;
  }
  return [...out];
}

/** A query chunk the user typed as an address or its beginning («petrov@», «petrov@mail.r»). */
export const isEmailQuery = (chunk: string): boolean => /^[^@\s]+@[^@\s]*$/.test(chunk);
