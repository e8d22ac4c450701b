/**
 * Tokens with offsets into the ORIGINAL string (snippets and PDF highlights mark the original
 * text), and their normalised forms (shared/text/normalize.ts).
 *
 * A token is a run of letters, digits and combining marks (NFD input stays one token), with
 * inner apostrophes, soft hyphens and zero-width joiners. Hyphens split, except:
 *   - a Kazakh suffix after a hyphen stays on its word: `ҚР-ның`, `1-ші`, `2015-ке` are one
 *     token whose `base` (what gets stemmed) is `қр`, `1`, `2015`;
 *   - number-like runs stay whole: `383-V`, `6-38`, `A-12` — unless a part is a word of three or
 *     more letters (`14-бабы` → `14` + `бабы`, `COVID-19` → `covid` + `19`).
 * Offsets are UTF-16 code unit indexes, like String.prototype.slice.
 */

import { normalizeWord } from '../text/normalize';

export interface Token {
  /** Start offset in the original text. */
  start: number;
  /** End offset (exclusive) in the original text. */
  end: number;
  /** Normalised form of the whole token. */
  text: string;
  /** Normalised form of the part to stem: the token without a hyphenated Kazakh suffix. */
  base: string;
}

const HYPHEN = /[-\u2010\u2011]/;
const JOINER_RUN = /['’ʼ\-\u2010\u2011\u00AD\u200B-\u200D\u2060]+/g;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/gu;

/** Kazakh inflections written after a hyphen (abbreviations and numerals: ҚР-ның, 5-тен, 1-ші). */
export const HYPHEN_SUFFIXES: ReadonlySet<string> = (() => {
  const plural = ['', 'лар', 'лер', 'дар', 'дер', 'тар', 'тер'];
  const possessive = ['', 'ы', 'і', 'сы', 'сі'];
  const cases = [
    '', 'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'н', 'ға', 'ге', 'қа', 'ке',
    'на', 'не', 'а', 'е', 'да', 'де', 'та', 'те', 'нда', 'нде', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'мен',
    'бен', 'пен', 'дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі', 'ғы', 'гі', 'қы', 'кі',
  ];
  const ordinal = ['ші', 'шы', 'інші', 'ыншы', 'нші', 'ншы'];
  const set = new Set<string>();
  for (const p of plural) for (const s of possessive) for (const c of cases) set.add(p + s + c);
  for (const o of ordinal) for (const s of possessive) for (const c of cases) set.add(o + s + c);
  set.delete('');
  return set;
})();

function letterCount(text: string): number {
  LETTER.lastIndex = 0;
  let n = 0;
  while (LETTER.exec(text) !== null) n++;
  return n;
}

interface Part {
  start: number;
  end: number;
}

/**
 * Splits one WORD_PATTERN match that holds a hyphen. Calls `emit(start, end, baseEnd)` for each
 * token, offsets in the original text.
 */
export function splitHyphenated(
  text: string,
  start: number,
  raw: string,
  emit: (start: number, end: number, baseEnd: number) => void,
): void {
  const parts: Part[] = [];
  let from = 0;
  JOINER_RUN.lastIndex = 0;
  for (let m = JOINER_RUN.exec(raw); m !== null; m = JOINER_RUN.exec(raw)) {
    if (!HYPHEN.test(m[0])) continue;
    parts.push({ start: start + from, end: start + m.index });
    from = m.index + m[0].length;
  }
  parts.push({ start: start + from, end: start + raw.length });

  let tokenStart = parts[0]!.start;
  let tokenEnd = parts[0]!.end;
  let baseEnd = tokenEnd;
  let suffixed = false;
  for (let k = 1; k < parts.length; k++) {
    const part = parts[k]!;
    const partText = text.slice(part.start, part.end);
    const previous = text.slice(tokenStart, tokenEnd);
    if (!suffixed && HYPHEN_SUFFIXES.has(normalizeWord(partText))) {
      tokenEnd = part.end;
      suffixed = true;
      continue;
    }
    const numeric = DIGIT.test(partText) || DIGIT.test(previous);
    const wordy = (s: string) => !DIGIT.test(s) && letterCount(s) >= 3;
    if (numeric && !suffixed && !wordy(partText) && !wordy(previous)) {
      tokenEnd = part.end;
      baseEnd = tokenEnd;
      continue;
    }
    emit(tokenStart, tokenEnd, baseEnd);
    tokenStart = part.start;
    tokenEnd = part.end;
    baseEnd = tokenEnd;
    suffixed = false;
  }
  emit(tokenStart, tokenEnd, baseEnd);
}

// ---------------------------------------------------------------------------------------------
// Scanner: the same words as WORD_PATTERN (shared/text/normalize.ts), without a regex per word.
// ---------------------------------------------------------------------------------------------

const WORD_CHAR = 1; // \p{L} or \p{N}: may start a word
const MARK_CHAR = 2; // \p{M}: may continue a word
const JOIN_CHAR = 4; // apostrophes, hyphens, soft hyphen, zero-width joiners
const HYPHEN_CHAR = 8;
const KNOWN = 128;

/** Character classes of BMP code units, filled on first sight. */
const classes = new Uint8Array(0x10000);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;

function classOfCodePoint(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (LETTER_OR_NUMBER.test(ch)) return WORD_CHAR;
  if (MARK.test(ch)) return MARK_CHAR;
  switch (cp) {
    case 0x2d: case 0x2010: case 0x2011:
      return JOIN_CHAR | HYPHEN_CHAR;
    case 0x27: case 0x2019: case 0x2bc: case 0xad: case 0x200b: case 0x200c: case 0x200d: case 0x2060:
      return JOIN_CHAR;
    default:
      return 0;
  }
}

function classAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  let c = classes[code]!;
  if (c !== 0) return c & ~KNOWN;
  if (code >= 0xd800 && code <= 0xdbff) {
    const cp = text.codePointAt(index) ?? code;
    return cp > 0xffff ? classOfCodePoint(cp) : 0;
  }
  c = classOfCodePoint(code) | KNOWN;
  classes[code] = c;
  return c & ~KNOWN;
}

function widthAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
}

// Latin, Cyrillic and general punctuation are classified up front; the rest on first sight.
for (let code = 0; code < 0x530; code++) classes[code] = classOfCodePoint(code) | KNOWN;
for (let code = 0x2000; code < 0x2070; code++) classes[code] = classOfCodePoint(code) | KNOWN;

/**
 * The word scanner as a cursor, so hot loops call no function per word: `nextWord(text, from)`
 * finds the first word at or after `from` and returns its start (-1 when there is none); its end
 * and whether it holds a hyphen are left in `wordCursor` until the next call.
 * (The analyzer runs this over every indexed page; a callback per word cost more than the scan.)
 */
export const wordCursor = { end: 0, hasHyphen: false };

export function nextWord(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    // skip separators (BMP fast path: known class, not a word character)
    const code = text.charCodeAt(i);
    const known = classes[code]!;
    if (known !== 0 ? (known & WORD_CHAR) === 0 : (classAt(text, i) & WORD_CHAR) === 0) {
      i += known !== 0 ? 1 : widthAt(text, i);
      continue;
    }
    const start = i;
    let hasHyphen = false;
    i += known !== 0 ? 1 : widthAt(text, i);
    for (;;) {
      while (i < n) {
        const k = classes[text.charCodeAt(i)]!;
        if (k !== 0) {
          if ((k & (WORD_CHAR | MARK_CHAR)) === 0) break;
          i++;
        } else {
          if ((classAt(text, i) & (WORD_CHAR | MARK_CHAR)) === 0) break;
          i += widthAt(text, i);
        }
      }
      let j = i;
      let hyphen = false;
      while (j < n) {
        const c = classAt(text, j);
        if ((c & JOIN_CHAR) === 0) break;
        if ((c & HYPHEN_CHAR) !== 0) hyphen = true;
        j++;
      }
      if (j > i && j < n && (classAt(text, j) & WORD_CHAR) !== 0) {
        hasHyphen ||= hyphen;
        i = j;
        continue;
      }
      break;
    }
    wordCursor.end = i;
    wordCursor.hasHyphen = hasHyphen;
    return start;
  }
  return -1;
}

/**
 * Calls `emit(start, end, hasHyphen)` for every word of `text` (a WORD_PATTERN match), in order.
 */
export function scanWords(text: string, emit: (start: number, end: number, hasHyphen: boolean) => void): void {
  let start = nextWord(text, 0);
  while (start >= 0) {
    // Read the cursor before emitting: emit may scan other text and move it.
    const end = wordCursor.end;
    emit(start, end, wordCursor.hasHyphen);
    start = nextWord(text, end);
  }
}

/** Tokenizes text: every word and number with its original offsets and normalised forms. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scanWords(text, (wordStart, wordEnd, hasHyphen) => {
    const raw = text.slice(wordStart, wordEnd);
    if (!hasHyphen) {
      const norm = normalizeWord(raw);
      tokens.push({ start: wordStart, end: wordEnd, text: norm, base: norm });
      return;
    }
    splitHyphenated(text, wordStart, raw, (start, end, baseEnd) => {
      tokens.push({
        start,
        end,
        text: normalizeWord(text.slice(start, end)),
        base: normalizeWord(text.slice(start, baseEnd)),
      });
    });
  });
  return tokens;
}
