/** Text clean-up shared by the readers and writers. */

/** A name as stored: one line, single spaces. */
export function cleanName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Free text as stored: LF line breaks, no blank edges; null when empty. */
export function cleanText(value: string): string | null {
  const text = value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .trim();
  return text === '' ? null : text;
}

/** Comparison key tolerant of case, ё/е, punctuation spacing and repeated spaces. */
export function foldKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

export function referenceKey(...names: string[]): string {
  return names.map(foldKey).join('\u0000');
}

/** «2026-03-05» or an ISO date-time → «05.03.2026»; anything else unchanged. */
export function formatRuDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}
