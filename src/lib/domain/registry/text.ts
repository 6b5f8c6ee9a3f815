/** Whitespace rules for registry text: names are one line, long texts keep their line breaks. */

export function cleanLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function cleanMultiline(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function emptyToNull(value: string | null | undefined): string | null {
  return value == null || value === '' ? null : value;
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charLength(value: string): number {
  return [...value].length;
}
