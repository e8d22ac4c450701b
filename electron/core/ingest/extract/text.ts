/**
 * Plain-text decoding with detection, never assumption.
 *
 * Text files in Kazakh and Russian offices come in every encoding a Windows PC has produced in
 * thirty years: UTF-8, UTF-16 from Notepad's "Unicode", Windows-1251, KOI8-R from old mail,
 * DOS CP866, and KZ-1048 (Windows-1251 with the Kazakh letters in the place of the Serbian and
 * Macedonian ones). The order of evidence, strongest first:
 *   1. a byte-order mark;
 *   2. UTF-16 without a mark (the NUL bytes of ASCII spaces and digits fall on one parity);
 *   3. binary content (control bytes) is refused, not guessed;
 *   4. valid UTF-8 (practically never an accident for non-ASCII text);
 *   5. a single-byte Cyrillic code page, chosen by how plausible each decoding is as
 *      Russian/Kazakh text (letter frequencies, word casing, common short words).
 */
import iconv from 'iconv-lite';
import { MuragatError } from '../../../../shared/errors';
import type { ExtractedDocument } from './types';

/** Encodings we report, by the name used in `ExtractedDocument.encoding`. */
export type TextEncodingName =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-32le'
  | 'utf-32be'
  | 'windows-1251'
  | 'kz-1048'
  | 'koi8-r'
  | 'ibm866'
  | 'windows-1252';

/** Our reported names mapped to iconv-lite's names (iconv-lite calls KZ-1048 `rk1048`). */
const ICONV_NAME: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-32le': 'utf32le',
  'utf-32be': 'utf32be',
  'windows-1251': 'windows-1251',
  'kz-1048': 'rk1048',
  'koi8-r': 'koi8-r',
  ibm866: 'cp866',
  'windows-1252': 'windows-1252',
};

/** Single-byte candidates, in order of preference when two decodings score the same. */
const SINGLE_BYTE_CANDIDATES: readonly TextEncodingName[] = ['windows-1251', 'kz-1048', 'koi8-r', 'ibm866', 'windows-1252'];

export interface DecodedText {
  /** Normalised text (see `normalizeExtractedText`). */
  text: string;
  encoding: TextEncodingName;
  warnings: string[];
}

/* ------------------------------------------------------------------------------------------------
 * Normalisation
 * ---------------------------------------------------------------------------------------------- */

/**
 * What every extractor does to its text before handing it on: line endings become '\n'
 * (form feeds and Unicode line/paragraph separators too), control characters other than '\n'
 * and '\t' go (they break snippets and the index), so do invisible characters that split words
 * for search (soft hyphen, zero-width space, word joiner, stray BOMs) and unpaired surrogates,
 * and the result is NFC so that 'й' typed as 'и' + combining breve matches 'й'.
 */
export function normalizeExtractedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\f\v\u2028\u2029\u0085]/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC');
}

/**
 * For structured formats (DOCX, ODT, RTF, HTML…): one paragraph per line, lines trimmed,
 * runs of spaces collapsed, empty paragraphs dropped. Tabs (table cells) are kept inside a line.
 */
export function joinParagraphs(lines: Iterable<string>): string {
  const out: string[] = [];
  for (const raw of lines) {
    for (const part of normalizeExtractedText(raw).split('\n')) {
      // No-break spaces become spaces: they are layout, and they would split search phrases.
      const line = part.replace(/[ \u00A0\u2007\u202F]+/g, ' ').replace(/ *\t */g, '\t').trim();
      if (line !== '' && !/^\t+$/.test(line)) out.push(line);
    }
  }
  return out.join('\n');
}

/* ------------------------------------------------------------------------------------------------
 * Byte-level evidence
 * ---------------------------------------------------------------------------------------------- */

export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
  length: number;
}

/** The byte-order mark at the start of the bytes, if any. */
export function detectBom(bytes: Uint8Array): Bom | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  // UTF-32 before UTF-16: FF FE 00 00 would otherwise read as UTF-16 starting with a NUL, which
  // no UTF-16 text does (Notepad++ and some exporters still write UTF-32).
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Bytes inspected for statistics; enough for a confident answer, cheap on a 50 MB file. */
const SAMPLE_BYTES = 256 * 1024;

function sample(bytes: Uint8Array): Uint8Array {
  return bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
}

/**
 * UTF-16 without a BOM. ASCII characters (spaces, digits, punctuation, Latin) have a zero high
 * byte, and real text always has some; a single-byte text never contains NUL bytes at all.
 * So: many NULs on one parity and (almost) none on the other.
 */
export function detectUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const s = sample(bytes);
  const pairs = Math.floor(s.length / 2);
  if (pairs < 2) return undefined;
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i + 1 < s.length; i += 2) {
    if (s[i] === 0) nulEven++;
    if (s[i + 1] === 0) nulOdd++;
  }
  // At least two NULs: one stray zero byte in a tiny file proves nothing.
  const minNuls = Math.max(2, pairs * 0.05);
  if (nulOdd >= minNuls && nulEven * 20 <= nulOdd) return 'utf-16le';
  if (nulEven >= minNuls && nulOdd * 20 <= nulEven) return 'utf-16be';
  return undefined;
}

/** Share of bytes that are control characters no text file contains (C0 other than tab, line breaks, form feed, DOS EOF). */
export function binaryControlShare(bytes: Uint8Array): number {
  const s = sample(bytes);
  if (s.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < s.length; i++) {
    const b = s[i]!;
    // Allowed: \t \n \v \f \r, and SUB (0x1A), the DOS end-of-file marker.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) controls++;
    else if (b === 0x7f) controls++;
  }
  return controls / s.length;
}

/** More control bytes than this share means binary data, not text. */
const MAX_BINARY_CONTROL_SHARE = 0.01;

/** True for bytes that are not text in any encoding: UTF-16 aside, text has next to no control bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = detectBom(bytes);
  if ((bom && bom.encoding !== 'utf-8') || detectUtf16WithoutBom(bytes)) return false;
  return binaryControlShare(bytes) > MAX_BINARY_CONTROL_SHARE;
}

export interface Utf8Check {
  /** Every sequence is valid (a multi-byte character cut off by the end of the file is forgiven). */
  valid: boolean;
  /** Characters outside ASCII. */
  nonAscii: number;
  /** Invalid sequences replaced by U+FFFD when decoding leniently. */
  invalid: number;
}

/** Length of an incomplete UTF-8 sequence at the very end (a file cut mid-character), else 0. */
function truncatedUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function checkUtf8(bytes: Uint8Array): Utf8Check {
  const body = bytes.subarray(0, bytes.length - truncatedUtf8Tail(bytes));
  let text: string;
  let valid = true;
  try {
    text = strictUtf8.decode(body);
  } catch {
    valid = false;
    text = lenientUtf8.decode(body);
  }
  let nonAscii = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) nonAscii++;
    if (c === 0xfffd) invalid++;
  }
  return { valid, nonAscii, invalid };
}

/* ------------------------------------------------------------------------------------------------
 * Plausibility of a decoding as Russian/Kazakh text
 * ---------------------------------------------------------------------------------------------- */

/**
 * Relative frequency (per thousand letters) of each lower-case letter in Russian and Kazakh
 * running text; the larger of the two values is kept so that both languages score well.
 * Sources: the usual published Russian frequency table and counts over Kazakh legal texts.
 */
const LETTER_FREQUENCY: Readonly<Record<string, number>> = {
  а: 126, б: 25, в: 45, г: 17, д: 36, е: 85, ё: 2, ж: 23, з: 18, и: 74, й: 15, к: 35, л: 54,
  м: 32, н: 67, о: 110, п: 28, р: 55, с: 55, т: 63, у: 28, ф: 3, х: 10, ц: 5, ч: 14, ш: 17,
  щ: 4, ъ: 1, ы: 70, ь: 17, э: 3, ю: 6, я: 20, ә: 16, ғ: 17, қ: 39, ң: 14, ө: 10, ұ: 20, ү: 14,
  һ: 1, і: 50,
};

/** Log-weight of a letter that is foreign to the text around it. */
const RARE_LETTER = Math.log(0.3);
/**
 * Log-weight of an accented letter in a Latin word: below any Cyrillic letter, so a Cyrillic
 * text never loses to its Windows-1252 reading, yet plausible enough to win for real Latin text.
 */
const LATIN_ACCENTED_LETTER = 0;
/** Log-weight of a symbol that has no business inside running text (box drawing, ‰, †…). */
const JUNK_SYMBOL = Math.log(0.05);

/** Punctuation and signs that legitimately appear outside ASCII in office documents. */
const COMMON_NON_ASCII_SIGNS = new Set('«»—–…№“”„‘’•·°§±©®™€\u00A0\u00AD'.split(''));

/** Short, very frequent words: seeing them is strong evidence for the right code page. */
const COMMON_WORDS = new Set([
  // Russian
  'и', 'в', 'во', 'на', 'не', 'с', 'со', 'по', 'к', 'о', 'об', 'от', 'до', 'для', 'что', 'это', 'как',
  'из', 'за', 'у', 'же', 'или', 'при', 'его', 'ее', 'её', 'их', 'был', 'года', 'году', 'статьи', 'закона',
  // Kazakh
  'және', 'мен', 'бен', 'пен', 'осы', 'бойынша', 'туралы', 'үшін', 'жылғы', 'бар', 'деп', 'да', 'де',
  'бұл', 'оның', 'тиіс', 'сәйкес', 'мәслихат', 'республикасы', 'қазақстан',
]);
const COMMON_WORD_BONUS = Math.log(1000);

export interface Plausibility {
  /** Mean log-weight per non-ASCII character; higher is more plausible. Only for ranking. */
  score: number;
  /** Share (0..1) of non-ASCII characters that make sense: letters in well-formed words, common signs. */
  plausibleShare: number;
  /** Number of non-ASCII characters examined. */
  nonAscii: number;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * How plausible a decoded text is as Russian/Kazakh (or, failing that, Latin-script) text.
 * Only non-ASCII characters carry evidence: ASCII decodes the same in every candidate.
 * A wrong Cyrillic code page still yields Cyrillic letters, but with the wrong frequencies
 * (KOI8-R read as 1251 turns 'о' into 'П'), inverted case inside words ('оПТЙЛБ'), Serbian
 * letters in Kazakh words (KZ-1048 read as 1251: 'ә' → 'ј'), or box-drawing symbols (CP866).
 */
export function scorePlausibility(text: string): Plausibility {
  let total = 0;
  let plausible = 0;
  let nonAscii = 0;
  // Walk words (runs of letters) and the signs between them.
  const tokens = text.match(/\p{L}+|[^\p{L}\s]/gu) ?? [];
  for (const token of tokens) {
    const first = token[0]!;
    if (!LETTER.test(first)) {
      if (first.charCodeAt(0) < 0x80) continue;
      nonAscii++;
      if (COMMON_NON_ASCII_SIGNS.has(first)) plausible++;
      else total += JUNK_SYMBOL;
      continue;
    }
    const wordResult = scoreWord(token);
    if (wordResult.nonAscii === 0) continue;
    nonAscii += wordResult.nonAscii;
    plausible += wordResult.plausible;
    total += wordResult.total;
  }
  return { score: nonAscii === 0 ? 0 : total / nonAscii, plausibleShare: nonAscii === 0 ? 1 : plausible / nonAscii, nonAscii };
}

function scoreWord(word: string): { total: number; plausible: number; nonAscii: number } {
  let nonAscii = 0;
  let cyrillic = 0;
  let asciiLetters = 0;
  let caseBreaks = 0;
  let previousLower = false;
  for (const ch of word) {
    if (ch.charCodeAt(0) < 0x80) asciiLetters++;
    else nonAscii++;
    if (CYRILLIC.test(ch)) cyrillic++;
    const upper = isUpper(ch);
    if (upper && previousLower) caseBreaks++;
    previousLower = !upper;
  }
  if (nonAscii === 0) return { total: 0, plausible: 0, nonAscii: 0 };

  const lower = word.toLowerCase();
  const wellCased = caseBreaks === 0;
  const latinWord = cyrillic === 0;
  // Kazakh texts often carry a Latin 'i' inside Cyrillic words, but a Cyrillic letter inside a
  // mostly Latin word ('cafй') is what Windows-1252 text looks like through a Cyrillic code page.
  const cyrillicInLatinWord = cyrillic > 0 && asciiLetters > cyrillic;
  let total = 0;
  let plausible = 0;
  for (const ch of lower) {
    if (ch.charCodeAt(0) < 0x80) continue;
    const frequency = LETTER_FREQUENCY[ch];
    if (frequency !== undefined && !cyrillicInLatinWord) {
      total += Math.log(frequency / 10);
      if (wellCased) plausible++;
    } else if (latinWord && asciiLetters >= nonAscii && /\p{Script=Latin}/u.test(ch)) {
      // An accented letter inside a mostly-ASCII Latin word: café, Straße (Windows-1252 text).
      total += LATIN_ACCENTED_LETTER;
      if (wellCased) plausible++;
    } else if (CYRILLIC.test(ch) && !cyrillicInLatinWord) {
      // Cyrillic but not Russian/Kazakh (Serbian ј, љ…): KZ-1048 text read as Windows-1251.
      total += JUNK_SYMBOL;
    } else {
      total += RARE_LETTER;
    }
  }
  // Inverted or random casing inside a word is the signature of a wrong Cyrillic code page.
  total += caseBreaks * 2 * JUNK_SYMBOL;
  if (COMMON_WORDS.has(lower)) total += COMMON_WORD_BONUS;
  return { total, plausible, nonAscii };
}

/* ------------------------------------------------------------------------------------------------
 * Decoding
 * ---------------------------------------------------------------------------------------------- */

/** Decodes bytes in a known encoding (no detection), without normalising. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'utf-8') return lenientUtf8.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ICONV_NAME[encoding], { stripBOM: false });
}

/** iconv-lite's canonical encoding for a charset label, if it knows the label. */
export function iconvEncodingFor(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  return name !== '' && iconv.encodingExists(name) ? name : undefined;
}

export interface SingleByteGuess {
  encoding: TextEncodingName;
  plausibility: Plausibility;
}

/** Ranks the single-byte candidates by plausibility; the best first. */
export function rankSingleByteEncodings(bytes: Uint8Array): SingleByteGuess[] {
  const s = sample(bytes);
  const guesses = SINGLE_BYTE_CANDIDATES.map((encoding) => ({ encoding, plausibility: scorePlausibility(decodeBytes(s, encoding)) }));
  // Array.prototype.sort is stable: equal scores keep the preference order of the candidates.
  return guesses.sort((a, b) => b.plausibility.score - a.plausibility.score);
}

/** Below this share of sensible non-ASCII characters, no code page explains the bytes. */
const MIN_PLAUSIBLE_SHARE = 0.6;

/** UTF-8 with a handful of bad bytes (one pasted character) is still UTF-8: at most 2% invalid. */
function isMostlyUtf8(check: Utf8Check): boolean {
  return check.nonAscii >= 20 && check.invalid * 50 <= check.nonAscii;
}

function undecodable(reason: string, details: Record<string, string | number> = {}): MuragatError {
  return new MuragatError('TEXT_UNDECODABLE', `the text cannot be decoded: ${reason}`, details);
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', warnings: string[]): string {
  if (bytes.length % 2 !== 0) warnings.push('odd number of bytes in UTF-16 text; the last byte was dropped');
  const text = decodeBytes(bytes.subarray(0, bytes.length - (bytes.length % 2)), encoding);
  // A wrong UTF-16 guess produces controls, unpaired surrogates and CJK soup; real text has
  // no controls or broken surrogates in bulk.
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else bad++;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad++;
  }
  if (text.length > 0 && bad / text.length > MAX_BINARY_CONTROL_SHARE) {
    throw undecodable(`not valid ${encoding} text`, { encoding });
  }
  return text;
}

/**
 * Detects the encoding of a text file and decodes it. Throws TEXT_UNDECODABLE for binary data
 * or bytes that no supported encoding turns into plausible text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const warnings: string[] = [];
  const bom = detectBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    if (bom.encoding === 'utf-8') {
      const check = checkUtf8(body);
      if (!check.valid) warnings.push(`${check.invalid} invalid UTF-8 sequences replaced`);
      return { text: normalizeExtractedText(decodeBytes(body, 'utf-8')), encoding: 'utf-8', warnings };
    }
    if (bom.encoding === 'utf-32le' || bom.encoding === 'utf-32be') {
      if (body.length % 4 !== 0) warnings.push('the UTF-32 text does not end on a whole character; the last bytes were dropped');
      return { text: normalizeExtractedText(decodeBytes(body.subarray(0, body.length - (body.length % 4)), bom.encoding)), encoding: bom.encoding, warnings };
    }
    return { text: normalizeExtractedText(decodeUtf16(body, bom.encoding, warnings)), encoding: bom.encoding, warnings };
  }

  const utf16 = detectUtf16WithoutBom(bytes);
  if (utf16) return { text: normalizeExtractedText(decodeUtf16(bytes, utf16, warnings)), encoding: utf16, warnings };

  const controls = binaryControlShare(bytes);
  if (controls > MAX_BINARY_CONTROL_SHARE) {
    throw undecodable('the file contains binary data', { controlShare: Number(controls.toFixed(4)) });
  }

  const utf8 = checkUtf8(bytes);
  if (utf8.valid) return { text: normalizeExtractedText(decodeBytes(bytes, 'utf-8')), encoding: 'utf-8', warnings };
  if (isMostlyUtf8(utf8)) {
    warnings.push(`${utf8.invalid} invalid UTF-8 sequences replaced`);
    return { text: normalizeExtractedText(decodeBytes(bytes, 'utf-8')), encoding: 'utf-8', warnings };
  }

  const best = rankSingleByteEncodings(bytes)[0]!;
  if (best.plausibility.plausibleShare < MIN_PLAUSIBLE_SHARE) {
    throw undecodable('no supported encoding gives readable text', {
      bestGuess: best.encoding,
      plausibleShare: Number(best.plausibility.plausibleShare.toFixed(3)),
    });
  }
  return { text: normalizeExtractedText(decodeBytes(bytes, best.encoding)), encoding: best.encoding, warnings };
}

/** A plain-text file as one page. Line structure is the author's and is kept as is. */
export function extractTxt(bytes: Uint8Array): ExtractedDocument {
  const decoded = decodeText(bytes);
  return {
    format: 'txt',
    mediaType: 'text/plain',
    pages: [{ pageNo: 1, text: decoded.text.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''), needsOcr: false }],
    encoding: decoded.encoding,
    warnings: decoded.warnings,
  };
}
