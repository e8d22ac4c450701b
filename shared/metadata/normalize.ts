/**
 * Text clean-up shared by the metadata detectors. Extracted text arrives with the debris of its
 * source format (soft hyphens and odd spaces from Word and HTML, form feeds from pdftotext,
 * Latin look-alike letters typed into Kazakh words); every detector wants the same tidy text.
 */

/** Characters that carry no text: soft hyphen, zero-width spaces and joiners, word joiner, BOM. */
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Every horizontal space, including no-break and typographic spaces, becomes a plain space. */
const SPACE_RE = /[\t\v\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Control characters are exactly what this pattern is for: broken text layers are full of them.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000E-\u001F\u007F]/g;

/**
 * Latin letters that look like Cyrillic ones. Kazakh typists often type Latin `i` for `і` (the
 * Russian layout has no `і`), and OCR or copy-paste mixes the others; inside a word that already
 * has Cyrillic letters they are almost certainly the Cyrillic letter.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'і',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};
const CYRILLIC_RE = /\p{Script=Cyrillic}/u;
const LATIN_LOOKALIKE_RE = /[acepoxykiABCEHIKMOPTXY]/g;

function repairHomoglyphs(text: string): string {
  return text.replace(/\p{L}+/gu, (word) =>
    /[A-Za-z]/.test(word) && CYRILLIC_RE.test(word)
      ? word.replace(LATIN_LOOKALIKE_RE, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch)
      : word,
  );
}

/**
 * Word export sometimes glues an upper-case heading to the next lower-case word
 * (`СПРАВКАпо итогам`); split them so the heading word is seen. Four capitals at least, so
 * abbreviations with a case ending (`НҚА-лар`, `ҚРЗ`) are left alone.
 */
function splitGluedCaps(text: string): string {
  return text.replace(/(\p{Lu}{4,})(\p{Ll}{2,})/gu, '$1 $2');
}

/**
 * Headings set in spaced letters (`З А К Л Ю Ч Е Н И Е`, `Ш Е Ш І М`) are written back as words, so
 * the vocabulary sees `ЗАКЛЮЧЕНИЕ`. Four capitals at least, each alone between single spaces; words
 * of a spaced heading are parted by two spaces or more (`Р Е Ш Е Н И Е   С Е С С И И`).
 */
const SPACED_WORD_RE = /(?<![\p{L}\d])\p{Lu}(?: \p{Lu}){3,}(?![\p{L}\d])/gu;

export function joinSpacedLetters(text: string): string {
  return text.replace(SPACED_WORD_RE, (word) => word.replace(/ /g, ''));
}

/** NFC, one kind of line break and space, no invisible characters, Kazakh homoglyphs repaired. */
export function cleanText(text: string): string {
  const unified = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(INVISIBLE_RE, '')
    .replace(SPACE_RE, ' ')
    .replace(CONTROL_RE, '');
  return splitGluedCaps(repairHomoglyphs(joinSpacedLetters(unified)));
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Lines with single spaces, Markdown heading marks removed. Empty lines are kept: they separate
 * paragraphs and stamps from titles.
 */
export function toLines(text: string): string[] {
  return text.split('\n').map((line) => collapseSpaces(line.replace(/^\s*#{1,6}\s+/, '')));
}

/** How much of the start of a document drives kind, number, date and title. */
export const HEADER_PAGES = 2;
export const HEADER_CHARS = 6000;
/** The end of the last page, where signature blocks carry some acts' number and date. */
export const TAIL_CHARS = 800;
/** Language looks at more text, spread over the whole document. */
export const LANGUAGE_SAMPLE_CHARS = 30000;
const LANGUAGE_CHUNKS = 10;

/** The first pages, cleaned, at most HEADER_CHARS long. */
export function headerText(pages: readonly string[]): string {
  let raw = '';
  for (const page of pages.slice(0, HEADER_PAGES)) {
    // Slightly more raw text than needed: cleaning only ever shortens it.
    raw += (raw ? '\n' : '') + page.slice(0, HEADER_CHARS * 2);
    if (raw.length >= HEADER_CHARS * 2) break;
  }
  return cleanText(raw.slice(0, HEADER_CHARS * 2)).slice(0, HEADER_CHARS);
}

/** The end of the last page that has text, cleaned. */
export function tailText(pages: readonly string[]): string {
  for (let i = pages.length - 1; i >= 0; i--) {
    const page = pages[i] ?? '';
    const trimmed = page.trimEnd();
    if (trimmed.trim().length > 0) return cleanText(trimmed.slice(-TAIL_CHARS * 2)).slice(-TAIL_CHARS);
  }
  return '';
}

/**
 * Up to LANGUAGE_SAMPLE_CHARS of text: all of it for short documents, otherwise evenly spaced
 * chunks, so a bilingual document whose second half is in the other language is seen as mixed.
 */
export function languageSample(pages: readonly string[]): string {
  const total = pages.reduce((sum, page) => sum + page.length, 0);
  if (total <= LANGUAGE_SAMPLE_CHARS) return withoutRepeatedLines(cleanText(pages.join('\n')));
  const chunk = Math.floor(LANGUAGE_SAMPLE_CHARS / LANGUAGE_CHUNKS);
  const step = Math.floor(total / LANGUAGE_CHUNKS);
  const parts: string[] = [];
  for (let k = 0; k < LANGUAGE_CHUNKS; k++) parts.push(sliceAcross(pages, k * step, chunk));
  return withoutRepeatedLines(cleanText(parts.join('\n')));
}

/**
 * Running headers and footers repeat on every page (an e-licence prints a Kazakh legal notice
 * under each page of its Russian text); counted once, they no longer make a document bilingual.
 */
function withoutRepeatedLines(text: string): string {
  const seen = new Set<string>();
  return text
    .split('\n')
    .filter((line) => {
      const key = collapseSpaces(line);
      if (key.length < 20) return true;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .join('\n');
}

/** `length` characters starting at `start` of the pages taken as one text, without joining them all. */
function sliceAcross(pages: readonly string[], start: number, length: number): string {
  let offset = 0;
  let out = '';
  for (const page of pages) {
    const end = offset + page.length;
    if (end > start && out.length < length) {
      const from = Math.max(0, start - offset);
      out += page.slice(from, from + (length - out.length)) + '\n';
    }
    offset = end;
    if (out.length >= length) break;
  }
  return out;
}
