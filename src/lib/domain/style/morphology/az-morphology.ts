import Az, { type AzMorphConfig, type AzParse } from 'az';
import { DICTIONARY_FILES, type DictionaryFile, type DictionaryLoader } from './morphology';
import type { Morphology, WordInfo, WordParse } from './morphology';
import { foldYo } from '../text/normalize';

/**
 * Productive prefixes that make a dictionary word a known one («самозанятый», «внутришкольный»).
 * Az.js also accepts «не», «до», «за», «пере»…, which would pass «незнаю» as a word.
 */
const SPELLING_PREFIXES = [
  'авиа',
  'авто',
  'агро',
  'анти',
  'био',
  'вело',
  'взаимо',
  'вне',
  'внутри',
  'видео',
  'гео',
  'гидро',
  'дву',
  'двух',
  'евро',
  'интернет',
  'кино',
  'контр',
  'макро',
  'мало',
  'меж',
  'медиа',
  'мега',
  'метео',
  'микро',
  'мини',
  'много',
  'мульти',
  'нано',
  'нейро',
  'обще',
  'одно',
  'около',
  'поли',
  'полу',
  'после',
  'пред',
  'противо',
  'псевдо',
  'радио',
  'само',
  'сверх',
  'сельхоз',
  'соц',
  'спец',
  'супер',
  'теле',
  'транс',
  'ультра',
  'фото',
  'эко',
  'экс',
  'электро',
  'энерго',
  'этно',
];

const DICTIONARY_CONFIG: AzMorphConfig = {
  ignoreCase: false,
  replacements: { е: 'ё' },
  stutter: 0,
  typos: 0,
};

const INFLECTION_GRAMMEMES = new Set([
  'nomn',
  'gent',
  'datv',
  'accs',
  'ablt',
  'loct',
  'sing',
  'plur',
  'masc',
  'femn',
  'neut',
  '1per',
  '2per',
  '3per',
  'pres',
  'past',
  'futr',
  'indc',
  'impr',
  'incl',
  'excl',
]);

const CACHE_LIMIT = 50_000;

let ready: Promise<void> | undefined;

function toArrayBuffer(data: ArrayBuffer | string): ArrayBuffer {
  if (typeof data !== 'string') return data;
  throw new Error('a binary dictionary file was loaded as text');
}

/** A DAWG with no words: one unit, no guide (Az.js `DAWG.fromArrayBuffer` layout). */
function emptyDawg(): ArrayBuffer {
  const view = new DataView(new ArrayBuffer(12));
  view.setUint32(0, 1, true);
  return view.buffer;
}

function initAz(loader: DictionaryLoader): Promise<void> {
  Az.load = (url, responseType, callback) => {
    const file = url.slice(url.lastIndexOf('/') + 1) as DictionaryFile;
    if (file.startsWith('prediction-suffixes-')) {
      callback(null, emptyDawg());
      return;
    }
    if (!DICTIONARY_FILES.includes(file)) {
      callback(new Error(`unknown dictionary file ${file}`));
      return;
    }
    loader(file).then(
      (data) => {
        if (responseType === 'arraybuffer') return callback(null, toArrayBuffer(data));
        const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
        callback(null, JSON.parse(text));
      },
      (err: unknown) => callback(err),
    );
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    Az.Morph.init('dicts', (err) => {
      if (settled) return;
      settled = true;
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve();
    });
  });
}

function toParse(p: AzParse): WordParse {
  const [pos = '', ...rest] = p.tag.toString().split(/[ ,]/);
  return { lemma: foldYo(p.normalize().word.toLowerCase()), pos, grammemes: new Set(rest) };
}

function dictionaryParses(word: string): AzParse[] {
  return Az.Morph.Parsers.Dictionary!(word, DICTIONARY_CONFIG);
}

function prefixedParses(word: string): WordParse[] {
  const lower = word.toLowerCase();
  for (const prefix of SPELLING_PREFIXES) {
    if (lower.length - prefix.length >= 3 && lower.startsWith(prefix)) {
      const rest = dictionaryParses(lower.slice(prefix.length));
      if (rest.length) return rest.map(toParse).map((p) => ({ ...p, lemma: prefix + p.lemma }));
    }
  }
  return [];
}

/** «QR-код», «SMS-сообщение»: a Latin part is an acronym or a name, not a Russian word to check. */
const LATIN_PART: WordInfo = { known: true, parses: [], lemmas: new Set() };

const HYPHEN_PARTICLES = new Set(['то', 'либо', 'нибудь', 'ка', 'таки']);

function analyzeUncached(word: string): WordInfo {
  const direct = dictionaryParses(word).map(toParse);
  const parses = direct.length ? direct : prefixedParses(word);
  if (!parses.length && word.includes('-')) return analyzeHyphenated(word);
  return { known: parses.length > 0, parses, lemmas: new Set(parses.map((p) => p.lemma)) };
}

/** «онлайн-опрос», «кто-нибудь», «Санкт-Петербург»: known when every part is. */
function analyzeHyphenated(word: string): WordInfo {
  const parts = word.split('-');
  const last = parts.at(-1)!.toLowerCase();
  const head = HYPHEN_PARTICLES.has(last) ? parts.slice(0, -1) : parts;
  const infos = head.map((part) => (/^[A-Za-z]+$/.test(part) ? LATIN_PART : analyzeUncached(part)));
  const parses = infos.at(-1)?.parses ?? [];
  return {
    known: infos.every((i) => i.known),
    parses,
    lemmas: new Set([foldYo(word.toLowerCase())]),
  };
}

function createAzMorphology(): Morphology {
  const cache = new Map<string, WordInfo>();
  return {
    analyze(word) {
      let info = cache.get(word);
      if (!info) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        info = analyzeUncached(word);
        cache.set(word, info);
      }
      return info;
    },
    suggest(word) {
      const found = Az.Morph(word.toLowerCase(), {
        parsers: ['Dictionary'],
        typos: 1,
        stutter: 0,
      }).filter((p) => p.word !== word.toLowerCase());
      return [...new Set(found.sort((a, b) => b.score - a.score).map((p) => p.word))];
    },
    inflectLike(lemma, like) {
      const sources = dictionaryParses(lemma);
      for (const target of dictionaryParses(like)) {
        const grammemes = target.tag
          .toString()
          .split(/[ ,]/)
          .filter((g) => INFLECTION_GRAMMEMES.has(g));
        for (const source of sources) {
          const form = source.inflect(grammemes);
          if (form) return form.word;
        }
      }
      return undefined;
    },
  };
}

/**
 * Loads the OpenCorpora dictionary through `loader` once per JavaScript realm (Az.js keeps it in
 * module state) and returns the morphology the rules match against.
 */
export async function loadAzMorphology(loader: DictionaryLoader): Promise<Morphology> {
  ready ??= initAz(loader).catch((err: unknown) => {
    ready = undefined;
    throw err;
  });
  await ready;
  return createAzMorphology();
}
