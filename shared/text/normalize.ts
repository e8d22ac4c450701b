/**
 * Text normalisation shared by indexing, queries and snippets (DESIGN.md §4 steps 1–2).
 * The full analyzer (stemming, loose forms) is built on top of this.
 */

/** Latin letters that look like Cyrillic ones, as they appear inside Cyrillic words. */
const LATIN_TO_CYRILLIC_LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'і',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * Inside a word that has Cyrillic letters, Latin look-alikes become Cyrillic: Kazakh texts are
 * full of a Latin `i` typed for `і`, and `c`/`e`/`o` slip in from keyboard switching.
 * Words without Cyrillic letters (Latin-script Kazakh, English) are left alone.
 */
export function repairHomoglyphs(word: string): string {
  if (!CYRILLIC_LETTER.test(word) || !LATIN_LETTER.test(word)) return word;
  let out = '';
  for (const ch of word) out += LATIN_TO_CYRILLIC_LOOKALIKE[ch] ?? ch;
  return out;
}

/** NFC, lower case (Kazakh letters included: JS toLowerCase is full Unicode), ё → е. */
export function foldCase(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

/** Words as the index sees them: letters and digits, joined by inner hyphens/apostrophes. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Normalises a single word: homoglyph repair, then case folding. */
export function normalizeWord(word: string): string {
  return foldCase(repairHomoglyphs(word.normalize('NFC')));
}

/** Normalises running text for the index: every word repaired and folded, separators kept. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(WORD_PATTERN, (word) => normalizeWord(word));
}
