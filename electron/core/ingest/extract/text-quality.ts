/**
 * Is a page's text layer real text or garbage? Some PDFs carry a text layer made with a broken
 * font encoding: Cyrillic comes out as Latin look-alikes and symbols ("ooucrorHe", "KoMMyHaIIbHoro",
 * "o6reu"). Such a page looks like text to a length check but cannot be found by any query, so it
 * is sent to OCR like a scan.
 *
 * Two signals, measured on the corpus (every page of the broken PDF is caught, no page of the
 * other 30 PDFs is):
 * - the share of words that look mangled: a capital after a small letter inside a Latin word,
 *   digits among letters, symbols inside a word;
 * - the share of very common words of Russian, Kazakh and English, which any real page of
 *   running text has (and mojibake almost never produces).
 */

const COMMON_WORDS = new Set(
  [
    // Russian
    'и', 'в', 'во', 'на', 'с', 'со', 'по', 'к', 'о', 'об', 'от', 'до', 'за', 'из', 'у', 'не', 'что', 'для', 'как', 'а', 'или', 'при',
    'это', 'его', 'её', 'ее', 'их', 'года', 'год', 'также', 'который', 'которые', 'которых', 'является', 'том', 'числе', 'если', 'под',
    'после', 'между', 'более', 'все', 'так', 'же', 'но', 'быть', 'был', 'была', 'были', 'будет', 'только', 'через', 'без', 'над',
    // Kazakh
    'және', 'мен', 'бен', 'пен', 'бойынша', 'үшін', 'туралы', 'бұл', 'осы', 'сәйкес', 'жылғы', 'жыл', 'не', 'немесе', 'да', 'де', 'та',
    'те', 'қазақстан', 'республикасының', 'республикасы', 'болып', 'табылады', 'тиіс', 'жөніндегі', 'арасындағы', 'сондай-ақ', 'оның',
    // English
    'the', 'of', 'and', 'to', 'in', 'a', 'is', 'for', 'on', 'that', 'by', 'with', 'as', 'are', 'be', 'this', 'from', 'or', 'at', 'an',
    // Kazakh in the Latin alphabet
    'jane', 'jáne', 'boiynsha', 'úshin', 'turaly', 'bul', 'osy',
  ].map((word) => word.normalize('NFC')),
);

export interface TextQuality {
  /** Words of two or more letters considered. */
  words: number;
  /** Share of words that look mangled (0…1). */
  mangled: number;
  /** Share of very common words (0…1). */
  common: number;
}

const WORD = /[^\s]+/gu;
const LATIN_CASE_FLIP = /[a-z][A-Z]/;
const LETTERS_WITH_DIGITS = /\p{L}\d|\d\p{L}/u;
const INNER_SYMBOL = /\p{L}[;:#*%"^_{}[\]|~\\<>=+@$&!?]+\p{L}/u;

export function measureTextQuality(text: string): TextQuality {
  let words = 0;
  let mangled = 0;
  let common = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    // Trim ordinary punctuation around a word (quotes, brackets, commas, full stops).
    const word = raw.replace(/^[«"'([{„“]+|[»"'.,:;!?)\]}”…]+$/gu, '');
    const letters = word.match(/\p{L}/gu)?.length ?? 0;
    if (letters < 2) continue;
    words++;
    if (COMMON_WORDS.has(word.toLowerCase())) common++;
    // Ordinal and unit forms such as "2020г", "1-й", "10кВ" are real.
    const ordinary = /^\d+[-–]?\p{Ll}{1,3}\.?$/u.test(word) || /^\p{Lu}{1,5}-?\d+[\p{L}\d-]*$/u.test(word);
    if (!ordinary && (LATIN_CASE_FLIP.test(word) || LETTERS_WITH_DIGITS.test(word) || INNER_SYMBOL.test(word))) mangled++;
  }
  return {
    words,
    mangled: words === 0 ? 0 : mangled / words,
    common: words === 0 ? 0 : common / words,
  };
}

/** Pages with fewer words than this are judged by the mangled share alone (tables, title pages). */
const ENOUGH_WORDS = 25;

/** True when the text layer is garbage and the page should be read by OCR instead. */
export function isGarbledText(text: string): boolean {
  const quality = measureTextQuality(text);
  if (quality.words < 6) return false;
  if (quality.mangled >= 0.35) return true;
  return quality.words >= ENOUGH_WORDS && quality.mangled >= 0.12 && quality.common < 0.04;
}
