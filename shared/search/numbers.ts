/**
 * Document and registration numbers for search (docs/ARCHITECTURE.md §6.1–§6.3): one normal form
 * for the ways a number is written — `№ 6-38`, `6/38`, `N30-2`, `204-VI ЗРК` / `204-ВІ ҚРЗ`
 * (Cyrillic and Latin look-alikes), a licence or account code printed in groups
 * (`KZ27 LAA 0002 8039` = `KZ27LAA00028039`). The indexer writes the normal form of every code
 * of a passage as an extra token (`nr6-38`, `nrkz27laa00028039`) and the query ORs it in for the
 * code the user typed, so any spelling finds any other.
 *
 * Only codes get a token: a token with a digit and a hyphen or slash between parts, a long
 * Latin letters-and-digits code, ten digits or more (a BIN, an IIN), or a grouped code. A plain number (a year, `5`) never does: it
 * would match every document that mentions it.
 */
import type { AlternativesProvider, QueryAlternative, SpanAlternatives } from './alternatives';
import { forEachAsciiToken, type DateTokenStream } from './dates';
import { normalizeDocumentNumber } from './query';
import { HYPHEN_SUFFIXES } from './tokenize';
import { wordStreams } from './word-spans';

/** A code found in a token stream: tokens `first` … `last` (inclusive), and its index token. */
export interface NumberSpan {
  token: string;
  first: number;
  last: number;
}

const HAS_DIGIT = /\d/;
const LATIN_CODE = /^(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{6,}$/;
/** A BIN or IIN (12 digits), a long account or registration number: too long to be a count or a year. */
const LONG_DIGITS = /^\d{10,}$/;
/** A group of a printed code (`KZ27`, `LAA`, `0002`, `0000055`, `DX`): Latin letters and digits. */
const CODE_GROUP = /^[a-z0-9]{2,10}$/;
const FOUR_DIGITS = /^\d{4}$/;
const ALL_DIGITS = /^\d+$/;
/**
 * Register indexes written after an order's number with a slash: `н/қ` (негізгі қызмет), `н/к`,
 * `л/с` (личный состав), `о/д` (основная деятельность), `ж/қ`. Not `и/о` (acting, before a name).
 */
const REGISTER_INDEXES: ReadonlySet<string> = new Set(['нқ', 'нк', 'лс', 'од', 'жқ', 'жк']);
/** Between the parts of one number, where the tokenizer splits: a slash, a figure, en or em dash, a minus. */
const PART_JOINERS: ReadonlySet<number> = new Set([0x2f, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]);

/**
 * The index token of a code (`№ 6-38`, `6/38`, `N30-2` → `nr6-38`, `nr30-2`), or null when the text
 * is no code (a plain number, a word). Built on `normalizeDocumentNumber` (the `number:`
 * filter's key: look-alike letters folded to Latin, `№`/`N`/`No` dropped), with every separator
 * made `-` so the token stays one word of the index's alphabet.
 */
export function numberToken(text: string): string | null {
  // Digit groups joined by hyphens (`6-38`, most codes of a passage) are their own key.
  if (HYPHENATED_DIGITS.test(text)) return `nr${text}`;
  // Lower-case Latin, digits and separators (nearly every code in a passage) are their own
  // normal form but for `b` (a `В` look-alike) and the sign: NFKC and folding are skipped.
  if (PLAIN_CODE.test(text)) return tokenOfKey(plainNumberKey(text));
  // Codes with other letters (`204-ВІ`, `123-ФЗ`) recur in an archive: their keys are kept.
  let token = foldedTokens.get(text);
  if (token === undefined) {
    token = tokenOfKey(normalizeDocumentNumber(text));
    if (foldedTokens.size >= FOLDED_CACHE_SIZE) foldedTokens.clear();
    // A copy of a long key: a slice would keep the whole page it was cut from alive.
    foldedTokens.set(text.length < 13 ? text : (' ' + text).slice(1), token);
  }
  return token;
}

const foldedTokens = new Map<string, string | null>();
const FOLDED_CACHE_SIZE = 4096;

function tokenOfKey(normalized: string): string | null {
  const key = normalized.replace(/[./-]+/g, '-');
  if (!HAS_DIGIT.test(key) || key.length < 2) return null;
  if (!key.includes('-') && !LATIN_CODE.test(key) && !LONG_DIGITS.test(key)) return null;
  return `nr${key}`;
}

const PLAIN_CODE = /^[0-9a-z./-]+$/;
const HYPHENATED_DIGITS = /^\d+(?:-\d+)+$/;

/** `normalizeDocumentNumber` for text of PLAIN_CODE characters only: the same key. */
function plainNumberKey(text: string): string {
  return text
    .replace(/b/g, 'v')
    .replace(/[-./]+$/, '')
    .replace(/^[-./]+/, '')
    .replace(/^n[or]?\.?(?=\d)/, '');
}

/** A token without a Kazakh suffix written after a hyphen (`6-38-ші` → `6-38`, `2015-ке` → `2015`). */
function withoutSuffix(token: string): string {
  const cut = token.lastIndexOf('-');
  return cut > 0 && HYPHEN_SUFFIXES.has(token.slice(cut + 1)) ? token.slice(0, cut) : token;
}

/**
 * Every code of a token stream, in order: single tokens (`6-38`, `204-vi`, `kz27laa00028039`),
 * parts joined by slashes (`6/38`), an order number with its register index (`163 н/қ`, `12
 * л/с`), and codes printed in groups separated by single spaces: Latin capitals and digits
 * (`KZ27 LAA 0002 8039`, `0000055 DX`; in a document the letters must be capitals, so running
 * Latin text is no code) or three groups of four digits at least (`1234 5678 9012`).
 * `query`: the stream is a query's words — letters of any case, and a register index typed
 * without its slash (`163 нк`).
 */
export function findNumberSpans(stream: DateTokenStream, options: { query?: boolean } = {}): NumberSpan[] {
  const query = options.query === true;
  const { text, exact, starts, ends } = stream;
  const n = exact.length;
  const out: NumberSpan[] = [];
  /** Whether tokens a and a + 1 are parts of one number split by a slash or a dash (`6/38`, `6–38`). */
  const joined = (a: number): boolean => starts[a + 1]! - ends[a]! === 1 && PART_JOINERS.has(text.charCodeAt(ends[a]!));
  /** Whether tokens a and a + 1 are groups of one printed code (one space between). */
  const grouped = (a: number): boolean => starts[a + 1]! - ends[a]! === 1 && text.charCodeAt(ends[a]!) === 0x20;
  forEachAsciiToken(stream, (i) => {
    const span = codeAt(i);
    if (!span) return i;
    out.push(span);
    return span.last;
  });
  return out;

  function codeAt(i: number): NumberSpan | null {
    const word = exact[i]!;
    // A code starts with a digit or a Latin letter (`kz27…`, `n30-2`) and holds a digit.
    const first = word.charCodeAt(0);
    if (first < 0x30 || first > 0x7f) return null;
    if (first > 0x39) {
      let digit = false;
      for (let k = 1; k < word.length; k++) {
        const code = word.charCodeAt(k);
        if (code >= 0x30 && code <= 0x39) {
          digit = true;
          break;
        }
      }
      if (!digit) return null;
    }
    // Parts joined by a slash or a dash the tokenizer does not join: `6/38`, `6–38`, `12/1-2`.
    let last = i;
    while (last + 1 < n && joined(last) && HAS_DIGIT.test(exact[last + 1]!)) last++;
    if (last === i && word.length < 6 && !word.includes('-')) {
      // A short number opens a code only with a group after it: Latin or digits (`0000055 DX`,
      // `1234 5678`) or a register index of one or two letters (`163 н/қ`, `163 нк`). Most
      // numbers of a passage (`5 адам`, `2017 жылғы`) stop here.
      if (i + 1 >= n || !grouped(i)) return null;
      const next = exact[i + 1]!;
      if (next.charCodeAt(0) >= 0x80 && next.length > 2) return null;
    }
    if (last > i) {
      const token = numberToken(exact.slice(i, last + 1).map(withoutSuffix).join('-'));
      if (token) return { token, first: i, last };
    }
    // A code printed in groups, or an order number with its register index.
    const code = groupedCode(i) ?? registerCode(i);
    if (code) return code;
    const token = word.includes('-') || word.length >= 6 ? numberToken(withoutSuffix(word)) : null;
    return token ? { token, first: i, last: i } : null;
  }

  function groupedCode(i: number): NumberSpan | null {
    if (i + 1 >= n || !grouped(i)) return null;
    const head = exact[i]!;
    if (FOUR_DIGITS.test(head)) {
      let last = i;
      while (last + 1 < n && grouped(last) && FOUR_DIGITS.test(exact[last + 1]!)) last++;
      const token = last - i >= 2 ? numberToken(exact.slice(i, last + 1).join('')) : null;
      if (token) return { token, first: i, last };
    }
    if (!CODE_GROUP.test(head) || !capitalsOrDigits(i)) return null;
    let last = i;
    while (last + 1 < n && grouped(last) && CODE_GROUP.test(exact[last + 1]!) && capitalsOrDigits(last + 1)) last++;
    if (last === i) return null;
    const joinedText = exact.slice(i, last + 1).join('');
    // Letters and digits, three digits at least: `0000055dx`, `kz27laa00028039`, not `a 1`.
    if (!LATIN_CODE.test(joinedText) || joinedText.replace(/\D/g, '').length < 3) return null;
    const token = numberToken(joinedText);
    return token ? { token, first: i, last } : null;
  }

  /** A group written in capitals and digits (any case in a query). */
  function capitalsOrDigits(k: number): boolean {
    if (query) return true;
    for (let c = starts[k]!; c < ends[k]!; c++) {
      const code = text.charCodeAt(c);
      if (code >= 0x61 && code <= 0x7a) return false;
    }
    return true;
  }

  /** `163 н/қ`, `12 л/с` (and in a query `163 нк`): the number and its register index, one code. */
  function registerCode(i: number): NumberSpan | null {
    if (i + 1 >= n || !grouped(i) || !ALL_DIGITS.test(exact[i]!)) return null;
    let index: string | null = null;
    let last = i + 1;
    const first = exact[i + 1]!;
    if (first.length === 1 && i + 2 < n && starts[i + 2]! - ends[i + 1]! === 1 && text.charCodeAt(ends[i + 1]!) === 0x2f && exact[i + 2]!.length === 1) {
      index = first + exact[i + 2]!;
      last = i + 2;
    } else if (query && first.length === 2) {
      index = first;
    }
    if (index === null || !REGISTER_INDEXES.has(index)) return null;
    const token = numberToken(`${exact[i]!}-${index}`);
    return token ? { token, first: i, last } : null;
  }
}

/** Words typed before a number for its sign (`N 30-2`, `No 5-1`); `№` itself never reaches a word. */
const NUMBER_SIGNS: ReadonlySet<string> = new Set(['n', 'no', 'nr', 'н']);
/**
 * Type suffixes written after an act's number, Kazakh and Russian (`204-VI ҚРЗ` = `204-VI ЗРК`,
 * `45-ҚЕ`, `12-П`, `360 н/қ`): part of how the number is typed, and the other language's act
 * holds the other suffix, so the query's suffix must not be required.
 */
const TYPE_SUFFIXES: ReadonlySet<string> = new Set(['қрз', 'зрк', 'қе', 'п', 'нқ', 'нк']);

/**
 * The code written the usual way (`6-38` for a typed `6/38`, `kz27laa00028039` for a grouped
 * code), as a word: it matches what the token matches, and lets snippets mark the number where
 * the text writes it so (an index token alone marks nothing).
 */
function spelledOut(token: string): QueryAlternative[] {
  const key = token.slice(2);
  return PLAIN_CODE.test(key) ? [{ words: [key], source: 'number' }] : [];
}

/**
 * Query alternatives (shared/search/alternatives.ts): every code among the query's plain words
 * (`6/38`, `N30-2`, `204-VI ҚРЗ`, `KZ27 LAA 0002 8039`) is offered as its index token, with a
 * number sign before it and a type suffix after it taken into the span.
 */
export const numberAlternatives: AlternativesProvider = (words) => {
  const spans: SpanAlternatives[] = [];
  for (const stream of wordStreams(words)) {
    for (const code of findNumberSpans(stream, { query: true })) {
      if (!stream.opensWord[code.first] || !stream.closesWord[code.last]) continue;
      let first = code.first;
      let last = code.last;
      if (first > 0 && stream.opensWord[first - 1] && stream.closesWord[first - 1] && NUMBER_SIGNS.has(stream.exact[first - 1]!)) first--;
      if (last + 1 < stream.exact.length && stream.opensWord[last + 1] && stream.closesWord[last + 1] && TYPE_SUFFIXES.has(stream.exact[last + 1]!)) last++;
      spans.push({
        start: stream.wordOf[first]!,
        end: stream.wordOf[last]! + 1,
        alternatives: [{ words: [], tokens: [code.token], source: 'number' }, ...spelledOut(code.token)],
      });
    }
  }
  return spans;
};
