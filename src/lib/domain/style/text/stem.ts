/**
 * A light stemmer for words the dictionary does not know («заява», «дедлайн», «фидбэк»): strips
 * one inflectional ending so that every case form of a list entry meets the same stem.
 */
const ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'иях',
  'ях',
  'ах',
  'ов',
  'ев',
  'ей',
  'ой',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ом',
  'ем',
  'ам',
  'ям',
  'ию',
  'ия',
  'ью',
  'ить',
  'ать',
  'ять',
  'еть',
  'ите',
  'ете',
  'ишь',
  'ешь',
  'ут',
  'ют',
  'ит',
  'ет',
  'ил',
  'ила',
  'или',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
].sort((a, b) => b.length - a.length);

export function stem(key: string): string {
  for (const ending of ENDINGS) {
    if (key.length - ending.length >= 3 && key.endsWith(ending)) {
      return key.slice(0, -ending.length);
    }
  }
  return key;
}
