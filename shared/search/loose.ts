/**
 * The loose alphabet (docs/ARCHITECTURE.md §6.1 step 3): what a Russian keyboard types for Kazakh, and where
 * every Latin spelling of Kazakh lands, so `кенес`, `keñes`, `kenes` and `КЕҢЕСТЕРДІҢ` meet.
 *
 * Letters of the loose alphabet: а б в г д е ж з и к л м н о п р с т у ф х ч ш ы, digits.
 *   Cyrillic: ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и й→и ё→е э→е ц→тс щ→ш ю→иу я→иа, ъ ь dropped.
 *   Latin (2021: ä ğ q ñ ö ū ü ı ş; 2018: á ǵ ń ó ú ý ı, sh/ch; 2017: a' g' n' o' u' s' c';
 *   informal: sh ch zh kh gh ng q ya yu yo): each letter to the loose letter of what it spells.
 *   `i` and `ı` swap meaning between 2018 and 2021 (і vs и/й), so both — and Cyrillic и, і, й —
 *   are one loose letter, `и`. `y` is ы, except next to a vowel where it is й (`aýdan`,
 *   `yaǵni`); `u`, `ū`, `ü`, `ú`, `ý`, `w` are all `у`.
 * Loose forms finally collapse doubled letters (`комиссия` and `komisia` meet); stemming runs
 * before the collapse so suffix boundaries (`заң-ның`) are still visible.
 */

import { createFoldedKazakhStemmer } from './kazakh-stemmer';

const CYRILLIC_TO_LOOSE: Readonly<Record<string, string>> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', й: 'и', ё: 'е', э: 'е',
  ц: 'тс', щ: 'ш', ю: 'иу', я: 'иа', ъ: '', ь: '',
};

/** Single Latin letters (lower case) to loose letters; digraphs are handled in `latinToLoose`. */
const LATIN_TO_LOOSE: Readonly<Record<string, string>> = {
  a: 'а', ä: 'а', á: 'а', à: 'а', â: 'а', b: 'б', c: 'к', ç: 'ч', d: 'д', e: 'е', é: 'е', è: 'е', ê: 'е', ë: 'е',
  f: 'ф', g: 'г', ğ: 'г', ǵ: 'г', h: 'х', i: 'и', ı: 'и', í: 'и', ì: 'и', î: 'и', ï: 'и', j: 'ж', k: 'к',
  l: 'л', m: 'м', n: 'н', ñ: 'н', ń: 'н', o: 'о', ö: 'о', ó: 'о', ò: 'о', ô: 'о', p: 'п', q: 'к', r: 'р',
  s: 'с', ş: 'ш', ś: 'ш', š: 'ш', t: 'т', u: 'у', ū: 'у', ü: 'у', ú: 'у', ù: 'у', û: 'у', ý: 'у', v: 'в',
  w: 'у', x: 'кс', z: 'з', ž: 'ж', č: 'ч', y: 'ы',
};

const LATIN_VOWELS = new Set('aäáàâeéèêëiıíìîïoöóòôuūüúùûýy');
/** Vowels after which a Latin `y` is the consonant й (ai, ei, oi); after u/i it stays ы (oquy). */
const Y_GLIDE_AFTER = new Set('aäáàâeéèêëoöóòô');
const APOSTROPHE_LETTER: Readonly<Record<string, string>> = { s: 'ш', c: 'ч', y: 'у' };

function isLatinLetter(ch: string): boolean {
  return LATIN_TO_LOOSE[ch] !== undefined;
}

function latinToLoose(word: string): string {
  let out = '';
  const n = word.length;
  for (let k = 0; k < n; k++) {
    const ch = word.charAt(k);
    const next = k + 1 < n ? word.charAt(k + 1) : '';
    if (next === "'" && APOSTROPHE_LETTER[ch] !== undefined) {
      out += APOSTROPHE_LETTER[ch];
      k++;
      continue;
    }
    if (next === 'h') {
      const digraph = ch === 's' ? 'ш' : ch === 'c' ? 'ч' : ch === 'z' ? 'ж' : ch === 'k' ? 'х' : ch === 'g' ? 'г' : '';
      if (digraph !== '') {
        out += digraph;
        k++;
        continue;
      }
    }
    if (ch === 'n' && next === 'g') {
      const after = k + 2 < n ? word.charAt(k + 2) : '';
      if (after === '' || !LATIN_VOWELS.has(after)) {
        out += 'н';
        k++;
        continue;
      }
    }
    if (ch === 'y') {
      const prev = k > 0 ? word.charAt(k - 1) : '';
      if ((next !== '' && LATIN_VOWELS.has(next) && next !== 'y') || Y_GLIDE_AFTER.has(prev)) {
        out += 'и';
        continue;
      }
      out += 'ы';
      continue;
    }
    if (ch === "'") continue;
    const mapped = LATIN_TO_LOOSE[ch];
    out += mapped ?? ch;
  }
  return out;
}

/**
 * Every code unit below 0x500 (Latin, Cyrillic, apostrophe) as the string it folds to: itself,
 * one letter, two letters (ц → тс) or nothing (ъ, ь, '). Building the result by appending these
 * strings allocates nothing per letter; this runs for every new word the indexer meets.
 */
const FOLDED = new Array<string>(0x500);
/** Whether FOLDED changes the code unit at all. */
const FOLDS = new Uint8Array(0x500);
for (let c = 0; c < 0x500; c++) FOLDED[c] = String.fromCharCode(c);
for (const [from, to] of Object.entries(CYRILLIC_TO_LOOSE)) {
  FOLDED[from.charCodeAt(0)] = to;
  FOLDS[from.charCodeAt(0)] = 1;
}
FOLDED[0x27] = '';
FOLDS[0x27] = 1;

function cyrillicToLoose(word: string): string {
  let out = '';
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    out += c < 0x500 ? FOLDED[c]! : word.charAt(k);
  }
  return out;
}

/**
 * Folds a normalised word (lower case, NFC) into the loose alphabet, letter by letter, without
 * stemming and without collapsing doubled letters. Other scripts and digits pass through.
 */
export function toLoose(word: string): string {
  let fold = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) return latinToLoose(word);
      if (c === 0x27) fold = true;
    } else if (c < 0x500) {
      if (c < 0x400 && isLatinLetter(word.charAt(k))) return latinToLoose(word);
      if (FOLDS[c] !== 0) fold = true;
    }
  }
  return fold ? cyrillicToLoose(word) : word;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Collapses runs of one letter (`сс` → `с`, `ии` → `и`); digits stay as they are (11 is not 1). */
export function collapseRuns(text: string): string {
  // Plain loops, no helper closure: this runs on every loose form of every new word.
  const n = text.length;
  let k = 1;
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === text.charCodeAt(k - 1) && !isDigit(c)) break;
  }
  if (k >= n) return text;
  let out = text.slice(0, k);
  for (; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c !== text.charCodeAt(k - 1) || isDigit(c)) out += text.charAt(k);
  }
  return out;
}

/**
 * The loose form of a stem or word: folded into the loose alphabet, doubled letters collapsed.
 * Used as is for Russian and English stems; Kazakh words go through `kazakhLooseStem`, which
 * strips Kazakh suffixes in the loose alphabet itself.
 */
export function looseForm(stem: string): string {
  return collapseRuns(toLoose(stem));
}

const stemLoose = createFoldedKazakhStemmer((text) => {
  let out = '';
  for (const ch of text) out += CYRILLIC_TO_LOOSE[ch] ?? ch;
  return out;
});

/**
 * Stems a Kazakh word of any spelling — Cyrillic with Kazakh letters, typed on a Russian
 * keyboard (`кенестердин`), or Latin (`keñesterdiñ`, `kenesterdin`) — in the loose alphabet.
 * All of these give `кенес`.
 */
export function kazakhLooseStem(word: string): string {
  return collapseRuns(stemLoose(toLoose(word)));
}
