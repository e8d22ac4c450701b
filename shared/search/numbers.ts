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
import type { AlternativesProvider, SpanAlternatives } from './alternatives';
import type { DateTokenStream } from './dates';
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
/** A group of a printed code (`LAA`, `0002`): Latin letters and digits. */
const CODE_GROUP = /^[a-z0-9]{2,5}$/;
/** The head of a printed code: letters then digits (`KZ27`, an IBAN's or a licence's country and check digits). */
const CODE_HEAD = /^[a-z]{1,4}\d{1,4}$/;
const FOUR_DIGITS = /^\d{4}$/;
/** Between the parts of one number, where the tokenizer splits: a slash, an en or em dash, a minus. */
const PART_JOINER = /^[/\u2012-\u2015\u2212]$/;

/**
 * The index token of a code (`№ 6-38`, `6/38`, `N30-2` → `nr6-38`, `nr30-2`), or null when the text
 * is no code (a plain number, a word). Built on `normalizeDocumentNumber` (the `number:`
 * filter's key: look-alike letters folded to Latin, `№`/`N`/`No` dropped), with every separator
 * made `-` so the token stays one word of the index's alphabet.
 */
export function numberToken(text: string): string | null {
  const key = normalizeDocumentNumber(text).replace(/[./-]+/g, '-');
  if (!HAS_DIGIT.test(key) || key.length < 2) return null;
  if (!key.includes('-') && !LATIN_CODE.test(key) && !LONG_DIGITS.test(key)) return null;
  return `nr${key}`;
}

/** A token without a Kazakh suffix written after a hyphen (`6-38-ші` → `6-38`, `2015-ке` → `2015`). */
function withoutSuffix(token: string): string {
  const cut = token.lastIndexOf('-');
  return cut > 0 && HYPHEN_SUFFIXES.has(token.slice(cut + 1)) ? token.slice(0, cut) : token;
}

/**
 * Every code of a token stream, in order: single tokens (`6-38`, `204-vi`, `kz27laa00028039`),
 * parts joined by slashes (`6/38`), and codes printed in groups of letters and digits separated by
 * single spaces (`KZ27 LAA 0002 8039`; `1234 5678 9012`, three groups of four digits at least).
 */
export function findNumberSpans(stream: DateTokenStream): NumberSpan[] {
  const { text, exact, starts, ends } = stream;
  const n = exact.length;
  const out: NumberSpan[] = [];
  const gap = (a: number): string => text.slice(ends[a]!, starts[a + 1]!);
  for (let i = 0; i < n; i++) {
    const word = exact[i]!;
    // Only a token with a digit can be or open a code, save a grouped code's letters head (`kz27`).
    let digit = false;
    for (let k = 0; k < word.length; k++) {
      const code = word.charCodeAt(k);
      if (code >= 0x30 && code <= 0x39) {
        digit = true;
        break;
      }
    }
    if (!digit) continue;
    // Parts joined by a slash or a dash the tokenizer does not join: `6/38`, `6–38`, `12/1-2`.
    let last = i;
    while (last + 1 < n && PART_JOINER.test(gap(last)) && HAS_DIGIT.test(exact[last + 1]!)) last++;
    if (last > i) {
      const token = numberToken(exact.slice(i, last + 1).map(withoutSuffix).join('-'));
      if (token) {
        out.push({ token, first: i, last });
        i = last;
        continue;
      }
    }
    // A code printed in groups.
    const grouped = groupedCode(i);
    if (grouped) {
      out.push(grouped);
      i = grouped.last;
      continue;
    }
    const token = word.includes('-') || word.length >= 6 ? numberToken(withoutSuffix(word)) : null;
    if (token) out.push({ token, first: i, last: i });
  }
  return out;

  function groupedCode(i: number): NumberSpan | null {
    const head = exact[i]!;
    const digitsOnly = FOUR_DIGITS.test(head);
    if (!digitsOnly && !CODE_HEAD.test(head)) return null;
    let last = i;
    while (last + 1 < n && gap(last) === ' ' && (digitsOnly ? FOUR_DIGITS : CODE_GROUP).test(exact[last + 1]!)) last++;
    if (last - i < 2) return null;
    const token = numberToken(exact.slice(i, last + 1).join(''));
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
 * Query alternatives (shared/search/alternatives.ts): every code among the query's plain words
 * (`6/38`, `N30-2`, `204-VI ҚРЗ`, `KZ27 LAA 0002 8039`) is offered as its index token, with a
 * number sign before it and a type suffix after it taken into the span.
 */
export const numberAlternatives: AlternativesProvider = (words) => {
  const spans: SpanAlternatives[] = [];
  for (const stream of wordStreams(words)) {
    for (const code of findNumberSpans(stream)) {
      if (!stream.opensWord[code.first] || !stream.closesWord[code.last]) continue;
      let first = code.first;
      let last = code.last;
      if (first > 0 && stream.opensWord[first - 1] && stream.closesWord[first - 1] && NUMBER_SIGNS.has(stream.exact[first - 1]!)) first--;
      if (last + 1 < stream.exact.length && stream.opensWord[last + 1] && stream.closesWord[last + 1] && TYPE_SUFFIXES.has(stream.exact[last + 1]!)) last++;
      spans.push({
        start: stream.wordOf[first]!,
        end: stream.wordOf[last]! + 1,
        alternatives: [{ words: [], tokens: [code.token], source: 'number' }],
      });
    }
  }
  return spans;
};
