/**
 * A light stemmer for words the dictionary does not know («заява», «дедлайн», «заморачиваться»):
 * strips a reflexive «-ся/-сь» and one inflectional ending, so that the forms of a list entry meet
 * the same stem.
 */
const ENDINGS = (
  'иями ями ами ого его ому ему ыми ими иях ях ах ов ев ей ой ий ый ая яя ое ее ые ие ую юю ом ем ' +
  'ам ям ию ия ью ировать овать евать ить ать ять еть айте яйте уйте йте ите ете ишь ешь ут ют ит ет ' +
  'ил ила или а я о е ы и у ю ь й'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

export function stem(word: string): string {
  const key = /(?:ся|сь)$/.test(word) && word.length > 5 ? word.slice(0, -2) : word;
  for (const ending of ENDINGS) {
    if (key.length - ending.length >= 3 && key.endsWith(ending)) {
      return key.slice(0, -ending.length);
    }
  }
  return key;
}
