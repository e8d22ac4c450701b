/**
 * Text normalisation shared by indexing, queries and snippets (docs/ARCHITECTURE.md §6.1 steps 1–2).
 * The full analyzer (tokens with offsets, stems, loose forms) is in `shared/search/`.
 */

/** Latin letters that look like Cyrillic ones, as they appear inside Cyrillic words. */
const LATIN_TO_CYRILLIC_LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'і', h: 'һ',
  // Dotless ı, schwa and barred o: Kazakh fonts and keyboard layouts put them for і, ә, ө.
  ı: 'і', ə: 'ә', ɵ: 'ө', ñ: 'ң', ä: 'ә', ö: 'ө', ü: 'ү',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  Ə: 'Ә', Ɵ: 'Ө', Ñ: 'Ң', Ä: 'Ә', Ö: 'Ө', Ü: 'Ү',
};

/** Cyrillic letters that look like Latin ones, as they appear inside Latin words. */
const CYRILLIC_TO_LATIN_LOOKALIKE: Readonly<Record<string, string>> = {
  а: 'a', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', к: 'k', і: 'i', һ: 'h',
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y',
};

/**
 * Letters of other Cyrillic alphabets (and old Kazakh font hacks) that stand for Kazakh letters.
 * Applied to every word: no Kazakh or Russian word uses them for anything else.
 */
const CYRILLIC_VARIANT: Readonly<Record<string, string>> = {
  ҥ: 'ң', Ҥ: 'Ң', ӊ: 'ң', Ӊ: 'Ң', ӈ: 'ң', Ӈ: 'Ң', ӄ: 'қ', Ӄ: 'Қ', ҕ: 'ғ', Ҕ: 'Ғ', ӛ: 'ә', Ӛ: 'Ә',
};
const CYRILLIC_VARIANT_TEST = /[ҥҤӊӉӈӇӄӃҕҔӛӚ]/;
const CYRILLIC_VARIANT_PATTERN = /[ҥҤӊӉӈӇӄӃҕҔӛӚ]/g;

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;
/** Cyrillic letters with no Latin look-alike: a word holding one is certainly Cyrillic. */
const CYRILLIC_ONLY = /[бгдёжзийлнптфцчшщъыьэюяБГДЁЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯәғқңөұүӘҒҚҢӨҰҮ]/u;
/** Latin letters with no Cyrillic look-alike: a word holding one (and no Cyrillic-only letter) is Latin. */
const LATIN_ONLY = /[bdfgjlmnqrstuvwzDFGJLNQRSUVWZäğöüşáǵńóúýūÄĞÖÜŞÁǴŃÓÚÝŪ]/u;

/**
 * Repairs words typed in two scripts. Inside a word that is Cyrillic (it has a Cyrillic letter that
 * has no Latin look-alike, or only look-alikes of both), Latin look-alikes become Cyrillic: Kazakh
 * texts are full of a Latin `i` typed for `і`, and `c`/`e`/`o` slip in from keyboard switching.
 * Inside a word that is clearly Latin (`Kazinfоrm` with a Cyrillic `о`), Cyrillic look-alikes
 * become Latin. Words in one script are returned unchanged.
 */
export function repairHomoglyphs(word: string): string {
  if (CYRILLIC_VARIANT_TEST.test(word)) {
    word = word.replace(CYRILLIC_VARIANT_PATTERN, (ch) => CYRILLIC_VARIANT[ch] ?? ch);
  }
  if (!CYRILLIC_LETTER.test(word) || !LATIN_LETTER.test(word)) return word;
  const toLatin = !CYRILLIC_ONLY.test(word) && LATIN_ONLY.test(word);
  const table = toLatin ? CYRILLIC_TO_LATIN_LOOKALIKE : LATIN_TO_CYRILLIC_LOOKALIKE;
  let out = '';
  for (const ch of word) out += table[ch] ?? ch;
  return out;
}

/**
 * NFC, lower case (Kazakh letters included: JS toLowerCase is full Unicode), ё → е.
 * The Turkish/Kazakh-2021 capital `İ` lower-cases to a plain `i` (JS would add a combining dot).
 */
export function foldCase(text: string): string {
  let out = text.normalize('NFC');
  if (out.includes('İ')) out = out.replace(/İ/g, 'i');
  out = out.toLowerCase();
  if (out.includes('ё')) out = out.replace(/ё/g, 'е');
  if (out.includes('\u0307')) out = out.replace(/i\u0307/g, 'i');
  return out;
}

/**
 * Words as the index sees them: a letter or digit, then letters, combining marks (NFD input) and
 * digits, joined by inner apostrophes, hyphens (ASCII, U+2010, U+2011), soft hyphens and
 * zero-width joiners (PDF text is full of them).
 */
export const WORD_PATTERN =
  /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ\-\u2010\u2011\u00AD\u200B-\u200D\u2060]+[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

/** Invisible characters inside words that are dropped from the normalised form. */
const INVISIBLE_IN_WORD = /[\u00AD\u200B-\u200D\u2060]/g;
const APOSTROPHES = /[’ʼ]/g;
const HYPHENS = /[\u2010\u2011]/g;

/**
 * The common case, decided in one pass over the code units: ASCII letters and digits and the
 * basic Cyrillic block (no combining marks, no letter variants, not Latin and Cyrillic mixed).
 * Such a word is already NFC and needs no repair, only lower-casing and ё → е.
 */
function isPlainWord(word: string): boolean {
  let latin = false;
  let cyrillic = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) latin = true;
      else if (!(c >= 0x30 && c <= 0x39)) return false;
    } else if (c >= 0x400 && c <= 0x4ff) {
      if (c >= 0x483 && c <= 0x489) return false; // combining Cyrillic marks
      if (c === 0x4a4 || c === 0x4a5 || c === 0x4c7 || c === 0x4c8 || c === 0x4c9 || c === 0x4ca) return false;
      if (c === 0x4c3 || c === 0x4c4 || c === 0x494 || c === 0x495 || c === 0x4da || c === 0x4db) return false;
      cyrillic = true;
    } else return false;
  }
  return !(latin && cyrillic);
}

/**
 * Normalises a single word: invisible joiners dropped, apostrophes and hyphens unified,
 * homoglyph repair, then case folding.
 */
const STRESS_MARK = /[\u0300\u0301]/;
const STRESS_MARKS = /[\u0300\u0301]/g;
const CYRILLIC_IN_WORD = /\p{Script=Cyrillic}/u;

export function normalizeWord(word: string): string {
  if (isPlainWord(word)) {
    const lower = word.toLowerCase();
    return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
  }
  let w = word.normalize('NFC');
  if (w.length > 1) w = w.replace(INVISIBLE_IN_WORD, '').replace(APOSTROPHES, "'").replace(HYPHENS, '-');
  // Stress marks in Russian dictionaries and textbooks (сове́т): no one types them in a query.
  if (STRESS_MARK.test(w) && CYRILLIC_IN_WORD.test(w)) w = w.replace(STRESS_MARKS, '');
  return foldCase(repairHomoglyphs(w));
}

/** Normalises running text for the index: every word repaired and folded, separators kept. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(WORD_PATTERN, (word) => normalizeWord(word));
}
