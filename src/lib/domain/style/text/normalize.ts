/** Lower case with «ё» folded into «е», the key every word list is matched on. */
export function foldYo(text: string): string {
  return text.replaceAll('ё', 'е').replaceAll('Ё', 'Е');
}

export function wordKey(word: string): string {
  return foldYo(word.toLowerCase());
}

export function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function capitalizeLike(word: string, like: string): string {
  const first = like[0];
  if (first && isUpper(first)) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}
