/**
 * Dates for search (docs/ARCHITECTURE.md §6.1–§6.3): a date written in any of the ways Kazakh and
 * Russian acts and their readers write it — `10.03.2017`, `10/03/2017`, `10-03-2017`,
 * `2017.03.10`, `2017-03-10`, `10 марта 2017 г.`, `10 март 2017`, `2017 жылғы 10 наурыздағы`,
 * `«10» наурыз 2017 ж.`, `7-сәуірдегі`, Latin-script Kazakh (`10 naýryz 2017`) — is recognised in
 * a stream of analyzed tokens and given one index token, `dt20170310` (`dateToken`). The indexer
 * writes that token for every date of a passage (and for the document's own date); a query's date
 * span is ORed with it, so any written form finds any other.
 *
 * The recogniser works on tokens as `tokenize` cuts them (so indexing adds no second scan of the
 * text) and looks at the characters between tokens only to tell `10.03.2017` from three numbers.
 * The same function reads queries and documents: one rule, both sides agree.
 * A date needs a day, a month and a year that make a real calendar day; a bare year, a month
 * with a year, or a day and month alone are not dates (they would match too much).
 */
import type { AlternativesProvider, SpanAlternatives } from './alternatives';
import { toLoose } from './loose';
import { wordStreams } from './word-spans';

/** Years accepted as a date's year (a section number such as 1.2.3 has no four-digit year). */
export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2099;

/** A token stream: tokens as `tokenize` cuts them, with offsets into `text`. */
export interface DateTokenStream {
  text: string;
  /** Normalised tokens (the analyzer's exact forms). */
  exact: readonly string[];
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  /**
   * Indexes of the tokens that start with an ASCII character (a digit or a Latin letter), in
   * order, when the caller collected them anyway (the indexer): only they can open a date or a
   * code, so the recognisers visit them alone instead of every token.
   */
  ascii?: readonly number[];
}

/** Calls `visit(i)` for each token that may open a date or a code; `visit` returns the index to go on after. */
export function forEachAsciiToken(stream: DateTokenStream, visit: (i: number) => number): void {
  const { exact, ascii } = stream;
  if (ascii) {
    let next = 0;
    for (const i of ascii) if (i >= next) next = visit(i) + 1;
    return;
  }
  for (let i = 0; i < exact.length; i++) {
    if (exact[i]!.charCodeAt(0) < 0x80) i = visit(i);
  }
}

/** A date found in a token stream: tokens `first` … `last` (inclusive). */
export interface DateSpan {
  iso: string;
  first: number;
  last: number;
}

/**
 * Month names in the loose alphabet (`toLoose`: Kazakh letters folded, Latin-script Kazakh
 * transliterated), as prefixes of the word: Kazakh months take case endings (`наурыздағы`,
 * `желтоқсанында`), Russian ones are written in the genitive or the nominative (`марта`, `март`).
 */
const MONTH_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['кантар', 1], ['ианвар', 1], ['акпан', 2], ['феврал', 2], ['наурыз', 3], ['март', 3], ['сауир', 4], ['апрел', 4],
  ['мамыр', 5], ['маусым', 6], ['ииун', 6], ['шилде', 7], ['ииул', 7], ['тамыз', 8], ['август', 8],
  ['кыркуиек', 9], ['сентиабр', 9], ['казан', 10], ['октиабр', 10], ['караша', 11], ['ноиабр', 11],
  ['желтоксан', 12], ['декабр', 12],
];
/** Russian May (`май`, `мая`, `маю`) is too short for a prefix (`майор`). */
const RUSSIAN_MAY: ReadonlySet<string> = new Set(['маи', 'маиа', 'маиу', 'маие']);
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Months of the words seen after numbers: the indexer asks about the word after every number of
 * every passage, and that vocabulary is small (`жылғы`, `бабы`, `адам`, month names).
 */
const monthCache = new Map<string, number>();
const MONTH_CACHE_SIZE = 4096;

/** The month a (normalised) word names, 1–12, or 0. */
export function monthOf(word: string): number {
  let month = monthCache.get(word);
  if (month === undefined) {
    month = monthOfUncached(word);
    if (monthCache.size >= MONTH_CACHE_SIZE) monthCache.clear();
    // A copy of a long key: a slice would keep the whole page it was cut from alive.
    monthCache.set(word.length < 13 ? word : (' ' + word).slice(1), month);
  }
  return month;
}

function monthOfUncached(word: string): number {
  if (word.length < 3) return 0;
  const first = word.charCodeAt(0);
  if (first < 0x80) {
    const english = ENGLISH_MONTHS.findIndex((name) => (name === 'may' ? word === 'may' : word.startsWith(name)));
    if (english >= 0) return english + 1;
  }
  const loose = toLoose(word);
  if (RUSSIAN_MAY.has(loose)) return 5;
  for (const [prefix, month] of MONTH_PREFIXES) if (loose.startsWith(prefix)) return month;
  return 0;
}

/** Words that follow or precede a year (`2017 жылғы`, `2017 ж.`, `2017 года`, `2017 г.`). */
export function isYearWord(word: string): boolean {
  return YEAR_WORDS.has(word) || word.startsWith('жыл') || word.startsWith('jyl') || word.startsWith('zhyl');
}
const YEAR_WORDS: ReadonlySet<string> = new Set(['ж', 'г', 'гг', 'год', 'года', 'году', 'year']);

const DIGITS = /^\d+$/;
/** A year token, with a year word glued on as typed in a hurry (`2017ж`, `2017г`). */
const YEAR_TOKEN = /^(\d{4})(?:ж|г|жыл\p{L}*|года?)?$/u;
/** A two-digit year, maybe with its year word glued on (`23`, `23г`, `23ж`). */
const SHORT_YEAR_TOKEN = /^(\d{2})(ж|г|жыл\p{L}*|года?)?$/u;
/** A day token, or a range of days whose first day is the date (`28-29 мамырында`). */
const DAY_TOKEN = /^(\d{1,2})(?:-\d{1,2})?$/;
/** A whole numeric date the tokenizer kept as one number-like run (`10-03-2017`, `2017-03-10`). */
const HYPHENATED_DATE = /^(\d{1,4})-(\d{1,2})-(\d{1,4})$/;
/**
 * Between the parts of a written date, at most 8 of: spaces, quotes around the day, a blank's
 * underscores, a dash, a dot or a comma. Checked by character code: the indexer asks for every
 * number in every passage.
 */
const WORDY_GAP_CHARS: ReadonlySet<number> = new Set([...'«»"“”„\'’_.,-–—\u00a0\u202f'].map((ch) => ch.charCodeAt(0)));
function isWordyGap(text: string, from: number, to: number): boolean {
  if (to - from > 8) return false;
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (code > 0x20 && !WORDY_GAP_CHARS.has(code)) return false;
  }
  return true;
}

/** The separator between the parts of a numeric date (`.`, `/` or `-`, a stray space beside it at most), or -1. */
function numericSeparator(text: string, from: number, to: number): number {
  let k = from;
  if (to - k > 1 && text.charCodeAt(k) === 0x20) k++;
  const separator = text.charCodeAt(k);
  if (separator !== 0x2e && separator !== 0x2f && separator !== 0x2d) return -1;
  k++;
  if (k < to && text.charCodeAt(k) === 0x20) k++;
  return k === to ? separator : -1;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD`, or null when the parts are not a real day in the accepted years. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The index token of a date (`2017-03-10` → `dt20170310`): letters and digits only, safe in any FTS5 column. */
export function dateToken(iso: string): string {
  return `dt${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/** A numeric date from its three parts: day first (as in Kazakhstan) or year first (ISO, `2017.03.10`). */
function numericDate(a: string, b: string, c: string): string | null {
  if (a.length === 4 && c.length <= 2 && b.length <= 2) return isoDate(Number(a), Number(b), Number(c));
  if (c.length === 4 && a.length <= 2 && b.length <= 2) return isoDate(Number(c), Number(b), Number(a));
  return null;
}

/**
 * Every date of a token stream, in order, none overlapping. Only tokens that start with a digit
 * can open a date, so the scan costs a character test per token.
 */
export function findDateSpans(stream: DateTokenStream): DateSpan[] {
  const { text, exact, starts, ends } = stream;
  const n = exact.length;
  const out: DateSpan[] = [];
  /** Whether the text between tokens a and a + 1 may separate the parts of a written date. */
  const wordyGap = (a: number): boolean => isWordyGap(text, ends[a]!, starts[a + 1]!);
  forEachAsciiToken(stream, (i) => {
    if (!isDigitCode(exact[i]!.charCodeAt(0))) return i;
    const found = dateAt(i);
    if (!found) return i;
    out.push(found);
    return found.last;
  });
  return out;

  function dateAt(i: number): DateSpan | null {
    const token = exact[i]!;
    // The shape of the token decides which forms to try (the indexer asks for every number).
    let digits = 1;
    while (digits < token.length && isDigitCode(token.charCodeAt(digits))) digits++;
    const pure = digits === token.length;
    const hyphenAfterDigits = !pure && token.charCodeAt(digits) === 0x2d;
    // `10-03-2017`, `2017-03-10`: one token.
    if (hyphenAfterDigits) {
      const hyphenated = HYPHENATED_DATE.exec(token);
      if (hyphenated) {
        const iso = numericDate(hyphenated[1]!, hyphenated[2]!, hyphenated[3]!);
        return iso ? { iso, first: i, last: i } : null;
      }
    }
    // `10.03.2017`, `10/03/2017`, `2017.03.10`, `10 . 03 . 2017`.
    if (pure && i + 2 < n && isDigitCode(exact[i + 1]!.charCodeAt(0)) && DIGITS.test(exact[i + 1]!)) {
      const separator = numericSeparator(text, ends[i]!, starts[i + 1]!);
      if (separator > 0 && numericSeparator(text, ends[i + 1]!, starts[i + 2]!) === separator) {
        // The last part: a day (`2017.03.10`) or a year, maybe with its year word glued on (`10.03.2017г`).
        const third = exact[i + 2]!;
        const last = DIGITS.test(third) ? third : YEAR_TOKEN.exec(third)?.[1];
        const iso = last ? numericDate(token, exact[i + 1]!, last) : null;
        if (iso) return { iso, first: i, last: i + 2 };
        // A two-digit year only with its year word (`15.03.23 ж.`, `15.03.23г.`): section numbers
        // (`1.2.3`) look the same without it.
        const short = SHORT_YEAR_TOKEN.exec(third);
        if (short && token.length <= 2 && exact[i + 1]!.length <= 2 && (short[2] || (i + 3 < n && isYearWord(exact[i + 3]!) && isWordyGap(text, ends[i + 2]!, starts[i + 3]!)))) {
          const year = Number(short[1]);
          const shortIso = isoDate(year < 50 ? 2000 + year : 1900 + year, Number(exact[i + 1]), Number(token));
          if (shortIso) return { iso: shortIso, first: i, last: short[2] ? i + 2 : i + 3 };
        }
      }
    }
    // `10 марта 2017`, `«10» наурыз 2017 ж.`, `7-сәуір 2019`.
    const day = digits <= 2 && (pure || hyphenAfterDigits) ? DAY_TOKEN.exec(token) : null;
    if (day && i + 2 < n && wordyGap(i) && wordyGap(i + 1)) {
      const month = monthOf(exact[i + 1]!);
      const year = month ? YEAR_TOKEN.exec(exact[i + 2]!) : null;
      if (year) {
        const iso = isoDate(Number(year[1]), month, Number(day[1]));
        if (iso) return { iso, first: i, last: i + 2 };
      }
    }
    // `2017 жылғы 10 наурыздағы`, `2019 ж. «13» наурыз`, `2017 10 наурыз`.
    const year = digits === 4 ? YEAR_TOKEN.exec(token) : null;
    if (year) {
      let d = i + 1;
      if (d < n && isYearWord(exact[d]!) && wordyGap(i)) d++;
      if (d + 1 < n && wordyGap(d - 1) && wordyGap(d)) {
        const yearDay = isDigitCode(exact[d]!.charCodeAt(0)) ? DAY_TOKEN.exec(exact[d]!) : null;
        const month = yearDay ? monthOf(exact[d + 1]!) : 0;
        if (yearDay && month) {
          const iso = isoDate(Number(year[1]), month, Number(yearDay[1]));
          if (iso) return { iso, first: i, last: d + 1 };
        }
      }
    }
    return null;
  }
}

/**
 * Query alternatives (shared/search/alternatives.ts): every date among the query's plain words
 * (`10.03.2017`; `10 марта 2017 года`; `2017 жылғы 10 наурыз`) is offered as its index token, so
 * it also finds the date written any other way and the documents dated so. A year word right
 * after the date (`года`, `ж.`) joins the span: it is part of how the date was typed, and a
 * document that writes the date in digits does not hold it.
 */
export const dateAlternatives: AlternativesProvider = (words) => {
  const spans: SpanAlternatives[] = [];
  for (const stream of wordStreams(words)) {
    for (const date of findDateSpans(stream)) {
      if (!stream.opensWord[date.first] || !stream.closesWord[date.last]) continue;
      let last = date.last;
      if (last + 1 < stream.exact.length && stream.opensWord[last + 1] && stream.closesWord[last + 1] && isYearWord(stream.exact[last + 1]!)) last++;
      spans.push({
        start: stream.wordOf[date.first]!,
        end: stream.wordOf[last]! + 1,
        alternatives: [{ words: [], tokens: [dateToken(date.iso)], source: 'date' }],
      });
    }
  }
  return spans;
};
