/**
 * The search query language (docs/ARCHITECTURE.md §6.3): whatever the user types into the one search box
 * becomes a typed AST. The parser never throws and never passes user text through as FTS5
 * syntax; the core compiles the AST and quotes every word itself.
 *
 * Language
 * - Words: all must match (AND). A word is a run of letters, digits and combining marks, with
 *   inner hyphens and apostrophes (`Алматы-Астана`, `383-V`, `д'Артаньян`) and, between two
 *   digits, inner dots and slashes (`2015.11.02`, `95/2`). Everything else separates words:
 *   `кеңес,шешім` is two words, `http://x` is `http` and `x`. Words keep their surface text
 *   (NFC); stemming and folding happen later in the core.
 * - `"exact phrase"`, also `«…»`, `“…”`, `„…“`; an unbalanced quote runs to the end.
 * - `a OR b` (also `|`, and upper-case Russian `ИЛИ` / Kazakh `НЕМЕСЕ`) makes two neighbouring
 *   atoms alternatives of one clause: `a b OR c d` = a AND (b OR c) AND d. An OR that is not
 *   directly between two positive atoms is dropped.
 * - `-word`, `-word*`, `-"phrase"` exclude; upper-case `NOT x` is the same as `-x`. Upper-case
 *   `AND` is accepted and ignored (AND is the default).
 * - `word*`: prefix search, when the word has at least 2 letters or digits (else a plain word).
 * - Filters `name:value` (no space after the colon; names case-insensitive, see
 *   FILTER_NAME_ALIASES; Kazakh names also as typed on a Russian keyboard, `нөмір` = `номир`):
 *   `kind:` codes or kk/ru/en labels, comma lists; `lang:` kk/ru/en/mixed and aliases;
 *   `year:2016`, `year:2015-2017`, `year:2015-`, `year:-2017`, `year:2015,2018` (a union);
 *   `from:` / `to:` with `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (or `DD.MM.YYYY`), inclusive,
 *   normalised to full ISO dates; years may carry a year word (`2016ж`, `2016г.`);
 *   `issuer:` a word or a quoted value; `number:` a bare or quoted value, stored as the key
 *   of normalizeDocumentNumber. An unknown `name:value` (`http://x`, `10:30`, `Статья:5`) is
 *   ordinary text. A known name with an empty value is ignored; a bad value is dropped with a
 *   BAD_FILTER_VALUE warning; a negated filter (`-kind:law`) is dropped with the same warning.
 * - Repeated filters merge as a union: kinds, languages, issuers and numbers accumulate, years
 *   widen to the hull of all ranges, `from:` keeps the earliest, `to:` the latest.
 *
 * Input: control characters (C0, C1, NUL, DEL) and lone surrogates become spaces; invisible
 * formatting characters (soft hyphen, zero-width spaces and joiners, bidi marks, BOM) are
 * dropped, so a word pasted with them stays one word; then Unicode NFC. Emoji, symbols and
 * other punctuation separate words.
 *
 * Limits (QUERY_LIMITS), each with a warning: the input is cut at 8192 characters (TOO_LONG),
 * words at 64 code points (TOO_LONG), at most 32 terms in all — every word of a phrase counts —
 * and 16 words per phrase (TOO_MANY_TERMS); at most 8 issuers and 8 numbers.
 *
 * Round trip: for every `q` returned by parseQuery, `parseQuery(describeQuery(q))` equals `q`
 * except for `warnings` (they describe repairs made to the original input, which the canonical
 * text no longer needs; ONLY_EXCLUSIONS recurs since it describes the query itself).
 */

import {
  KIND_CODES,
  KIND_LABELS,
  LANGUAGE_CODES,
  type KindCode,
  type LanguageCode,
} from '../domain/kinds';
import { foldCase } from '../text/normalize';

// ---- Types ------------------------------------------------------------------------------------

export type QueryAtom = { type: 'word'; text: string; prefix: boolean } | { type: 'phrase'; words: string[] };

/** One AND-ed condition: one or more atoms, OR between them. */
export interface QueryClause {
  alternatives: QueryAtom[];
}

export interface QueryFilters {
  kinds: KindCode[];
  langs: LanguageCode[];
  yearFrom: number | null;
  yearTo: number | null;
  /** Inclusive ISO date `YYYY-MM-DD`. */
  from: string | null;
  /** Inclusive ISO date `YYYY-MM-DD`. */
  to: string | null;
  issuers: string[];
  /** Keys of normalizeDocumentNumber; a document matches when its key starts with one. */
  numbers: string[];
}

export type QueryWarningCode = 'TOO_LONG' | 'TOO_MANY_TERMS' | 'BAD_FILTER_VALUE' | 'DATES_SWAPPED' | 'ONLY_EXCLUSIONS';

export type QueryWarning = { code: QueryWarningCode; detail: string };

export interface ParsedQuery {
  clauses: QueryClause[];
  excluded: QueryAtom[];
  filters: QueryFilters;
  warnings: QueryWarning[];
  /** No clauses and no filters (exclusions alone select nothing). */
  isEmpty: boolean;
}

export type QueryFilterName = 'kind' | 'lang' | 'year' | 'from' | 'to' | 'issuer' | 'number';

// ---- Limits and vocabularies ------------------------------------------------------------------

export const QUERY_LIMITS = Object.freeze({
  /** Input characters (UTF-16 units) looked at. */
  maxInputLength: 8192,
  /** Words in all atoms, phrase words included. */
  maxTerms: 32,
  /** Words per phrase. */
  maxPhraseWords: 16,
  /** Code points per word. */
  maxWordLength: 64,
  /** Values per multi-valued text filter (issuer, number). */
  maxFilterValues: 8,
  /** Code points of an issuer value. */
  maxIssuerLength: 128,
  /** Code points of a number key. */
  maxNumberLength: 64,
  /** Warnings reported (the rest are dropped). */
  maxWarnings: 10,
});

/**
 * Filter names. Matching is case-insensitive, and Kazakh letters also match what a Russian
 * keyboard types (ә→а ғ→г қ→к ң→н ө→о ұ→у ү→у һ→х і→и), so `тил:` and `номир:` work too.
 */
export const FILTER_NAME_ALIASES: Readonly<Record<QueryFilterName, readonly string[]>> = {
  kind: ['kind', 'type', 'түрі', 'вид'],
  lang: ['lang', 'language', 'тіл', 'тілі', 'язык'],
  year: ['year', 'жыл', 'жылы', 'год'],
  from: ['from', 'бастап', 'с'],
  to: ['to', 'дейін', 'по', 'до'],
  issuer: ['issuer', 'шығарған', 'орган'],
  number: ['number', 'нөмір', 'номер'],
};

/** Values of `lang:` besides the codes themselves (same matching as filter names). */
export const LANGUAGE_ALIASES: Readonly<Record<LanguageCode, readonly string[]>> = {
  kk: ['kk', 'kz', 'kaz', 'kazakh', 'қаз', 'қазақ', 'қазақша', 'казахский'],
  ru: ['ru', 'rus', 'russian', 'рус', 'русский', 'орыс', 'орысша'],
  en: ['en', 'eng', 'english', 'англ', 'английский', 'ағыл', 'ағылшын'],
  mixed: ['mixed', 'mix', 'аралас', 'смешанный'],
};

const OPERATOR_OR = new Set(['OR', 'ИЛИ', 'НЕМЕСЕ']);
const OPERATOR_AND = 'AND';
const OPERATOR_NOT = 'NOT';

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

// ---- Character classes ------------------------------------------------------------------------

/** Every opening quote and the characters that close a phrase it opens. */
const QUOTE_CLOSERS: Readonly<Record<string, string>> = {
  '"': '"\uFF02\u201D',
  '\uFF02': '"\uFF02\u201D',
  '\u00AB': '\u00BB', // « … »
  '\u00BB': '\u00AB\u00BB', // » … « (Danish) or » … »
  '\u201C': '\u201D\u201C', // “ … ” (English), “ … “
  '\u201E': '\u201C\u201D', // „ … “ (German, Russian handwriting), „ … ”
  '\u201D': '\u201D\u201C', // ” … ” (Swedish)
  '\u201F': '\u201D"',
  '\u2033': '\u2033"',
};
const QUOTES = Object.keys(QUOTE_CLOSERS).join('');
const QUOTE_CODES = new Set([...QUOTES].map((ch) => ch.charCodeAt(0)));
const PIPE = 0x7c;
const MINUS = 0x2d;
const HYPHENS_APOSTROPHES = "'\\u2019\\u02BC\\-\\u2010\\u2011";

/** One word (see the module comment). Inner `.` and `/` only between two decimal digits. */
const WORD_SOURCE =
  `[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*` +
  `(?:(?:[${HYPHENS_APOSTROPHES}]+|(?<=\\p{Nd})[./](?=\\p{Nd}))[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*)*`;
const WORD_STICKY = new RegExp(WORD_SOURCE, 'uy');
const WORD_GLOBAL = new RegExp(WORD_SOURCE, 'gu');
/** Characters the main loop skips: all but word starts, `-`, `|` and quotes. */
const SEPARATORS_STICKY = new RegExp(`[^\\p{L}\\p{N}\\-|${QUOTES}]+`, 'uy');
/** A `-` directly after a word (or its `*`) is not an exclusion sign. */
const AFTER_WORD_STICKY = /(?<=[\p{L}\p{M}\p{N}*])-/uy;
/** A filter name is a word of letters only, directly followed by a colon. */
const LETTERS_ONLY = /^\p{L}+$/u;
/** A bare filter value: up to whitespace or a quote. */
const BARE_VALUE_STICKY = new RegExp(`[^\\s${QUOTES}]*`, 'uy');
const TRAILING_JOINERS = new RegExp(`(?:[${HYPHENS_APOSTROPHES}./])+$`, 'u');
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const WORD_START_STICKY = /[\p{L}\p{N}]/uy;
const ALL_QUOTES = new RegExp(`[${QUOTES}]`, 'gu');
const LEADING_PUNCTUATION = /^[([{<]+/u;
const TRAILING_PUNCTUATION = /[,.;:!?)\]}>]+$/u;
const NON_ALNUM_EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** Kazakh letters to what a Russian keyboard types. */
const KAZAKH_TO_RUSSIAN_KEYBOARD: Readonly<Record<string, string>> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и',
};
const KAZAKH_LETTERS = /[әғқңөұүһі]/gu;

/** Lookup key for filter names and vocabulary values: case, Kazakh letters, spaces and dashes folded. */
function lookupKey(text: string): string {
  return foldCase(text)
    .replace(KAZAKH_LETTERS, (ch) => KAZAKH_TO_RUSSIAN_KEYBOARD[ch] ?? ch)
    .replace(/[\s_\-\u2010-\u2015.]+/gu, '');
}

function buildLookup<T extends string>(entries: Iterable<[T, Iterable<string>]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of entries) {
    for (const name of names) {
      const key = lookupKey(name);
      if (key !== '' && !map.has(key)) map.set(key, value);
    }
  }
  return map;
}

const FILTER_NAMES = buildLookup(Object.entries(FILTER_NAME_ALIASES) as [QueryFilterName, readonly string[]][]);
const LANGUAGE_LOOKUP = buildLookup(LANGUAGE_CODES.map((code) => [code, LANGUAGE_ALIASES[code]] as [LanguageCode, readonly string[]]));
/** Kind codes, and every kk/ru/en label (labels listing two names, `Ереже, қағида`, give both). */
const KIND_LOOKUP = buildLookup(
  KIND_CODES.map((code) => {
    const labels = KIND_LABELS[code];
    const names = [code, ...[labels.kk, labels.ru, labels.en].flatMap((label) => label.split(','))];
    return [code, names] as [KindCode, string[]];
  }),
);

// ---- Input sanitising -------------------------------------------------------------------------

/** Invisible formatting characters dropped outright (soft hyphen, zero-width, bidi marks, BOM). */
function isInvisible(c: number): boolean {
  return (
    c === 0x00ad ||
    c === 0x061c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff
  );
}

/**
 * Control characters (C0, DEL, C1, line/paragraph separators) and lone surrogates become spaces;
 * invisible formatting characters are dropped. The result is well-formed UTF-16.
 */
function sanitize(input: string): string {
  let out = '';
  let last = 0;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    let replacement: string | null = null;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      replacement = ' ';
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      replacement = ' ';
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      replacement = ' ';
    } else if (isInvisible(c)) {
      replacement = '';
    }
    if (replacement !== null) {
      out += input.slice(last, i) + replacement;
      last = i + 1;
    }
  }
  return last === 0 ? input : out + input.slice(last);
}

/** The first `max` code points of `text`. */
function cutCodePoints(text: string, max: number): string {
  let units = 0;
  let count = 0;
  while (units < text.length && count < max) {
    const c = text.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < text.length ? 2 : 1;
    count++;
  }
  return text.slice(0, units);
}

function codePointLength(text: string, atLeast: number): number {
  // Only called for strings longer than `atLeast` UTF-16 units: count until the answer is clear.
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    count++;
    if (count > atLeast) return count;
  }
  return count;
}

function isOverLength(text: string, max: number): boolean {
  return text.length > max && codePointLength(text, max) > max;
}

const shorten = (text: string): string => (text.length > 40 ? `${cutCodePoints(text, 40)}…` : text);

// ---- Document numbers -------------------------------------------------------------------------

/**
 * Cyrillic letters (after lower-casing) to the Latin letter they look like, and Kazakh letters
 * to the Latin look-alike of what a Russian keyboard types for them. `в` goes to `v` (the Roman
 * numeral of a convocation, `383-V`, is typed as Cyrillic `В`), and so does Latin `b` (`В` looks
 * like `B`).
 */
const NUMBER_FOLD: Readonly<Record<string, string>> = {
  а: 'a', в: 'v', b: 'v', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', һ: 'h', ә: 'a', қ: 'k', ң: 'h', ө: 'o', ұ: 'y', ү: 'y',
};
const NUMBER_FOLD_PATTERN = /[авbекмнорстухіјѕһәқңөұү]/gu;
const NUMBER_DROP = /[^\p{L}\p{N}\-./]+/gu;
const NUMBER_DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;

/**
 * The search key of a document number; the index stores the same key, and a `number:` filter
 * matches a document whose key starts with the query's key.
 *
 * Scheme: `№` removed; Unicode NFKC (full-width forms, `Ⅴ` → `V`); lower case (`ё` → `е`);
 * dashes (‐ ‑ ‒ – — ―, minus) → `-`; every character but letters, digits, `-`, `.`, `/` removed
 * (spaces, brackets, and combining marks NFKC could not compose): `383-V ҚРЗ` → `383-vkpз`;
 * Cyrillic and Kazakh letters that look like Latin ones folded to Latin (NUMBER_FOLD:
 * `В`/`V`/`B` → `v`, `Қ`/`К`/`K` → `k`, `Р`/`P` → `p`, `Н`/`Ң`/`H` → `h`…; letters with no
 * look-alike such as `З`, `Д`, `Ф` stay Cyrillic); `-`, `.`, `/` trimmed at the end, anything but
 * a letter or digit trimmed at the start; then a leading `No`, `Nr` or `N` sign (with an
 * optional dot) before a digit removed. So `383-V`, `383-В`, `№383-V ҚРЗ`, `N 383-V`,
 * `№ 383-v ҚРЗ` all give keys starting with `383-v`. The function is idempotent.
 */
export function normalizeDocumentNumber(value: string): string {
  let key = sanitize(typeof value === 'string' ? value : String(value ?? ''));
  if (key.length > QUERY_LIMITS.maxInputLength) key = cutCodePoints(key, QUERY_LIMITS.maxInputLength);
  key = numberKeyPass(key.replace(/\u2116/gu, ' '));
  // Removing characters can leave a sequence that NFKC composes (a Hangul syllable, say): repeat
  // the pass until the key is stable, which makes the function idempotent.
  for (let i = 0; i < 4; i++) {
    const again = numberKeyPass(key);
    if (again === key) break;
    key = again;
  }
  return key;
}

function numberKeyPass(text: string): string {
  return foldCase(text.normalize('NFKC'))
    .replace(NUMBER_DASHES, '-')
    .replace(NUMBER_DROP, '')
    .replace(NUMBER_FOLD_PATTERN, (ch) => NUMBER_FOLD[ch] ?? ch)
    .replace(/[-./]+$/u, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^n[or]?\.?(?=\p{Nd})/u, '');
}

// ---- Filter values ----------------------------------------------------------------------------

interface DateValue {
  start: string;
  end: string;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const validYear = (year: number): boolean => year >= YEAR_MIN && year <= YEAR_MAX;

/** `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `MM.YYYY`, `DD.MM.YYYY` (any of `-./`) → the period it names. */
function parseDateValue(value: string): DateValue | null {
  if (!/^\d{1,4}(?:[-./]\d{1,4}){0,2}$/u.test(value)) return null;
  const parts = value.split(/[-./]/u);
  let year: string | undefined;
  let month: string | undefined;
  let day: string | undefined;
  if (parts[0]?.length === 4) [year, month, day] = parts;
  else if (parts.length === 2) [month, year] = parts;
  else if (parts.length === 3) [day, month, year] = parts;
  if (year === undefined || year.length !== 4) return null;
  if ((month !== undefined && month.length > 2) || (day !== undefined && day.length > 2)) return null;
  const y = Number(year);
  if (!validYear(y)) return null;
  if (month === undefined) return { start: `${year}-01-01`, end: `${year}-12-31` };
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  const last = daysInMonth(y, m);
  if (day === undefined) return { start: `${year}-${pad2(m)}-01`, end: `${year}-${pad2(m)}-${pad2(last)}` };
  const d = Number(day);
  if (d < 1 || d > last) return null;
  const iso = `${year}-${pad2(m)}-${pad2(d)}`;
  return { start: iso, end: iso };
}

/** `2016`, `2015-2017` (also – — ..), `2015-`, `-2017` → [from, to] with at least one bound. */
function parseYearValue(value: string): [number | null, number | null] | null {
  const match = /^(\d{4})?(?:(?:-|\u2013|\u2014|\.\.)(\d{4})?)?$/u.exec(value);
  if (!match) return null;
  const [, a, b] = match;
  const isRange = value.length > 4 || a === undefined;
  const from = a === undefined ? null : Number(a);
  const to = isRange ? (b === undefined ? null : Number(b)) : from;
  if (from === null && to === null) return null;
  if ((from !== null && !validYear(from)) || (to !== null && !validYear(to))) return null;
  return [from, to];
}

/** Spaces and a trailing year word removed: `2016ж`, `2016 жыл`, `2016 г.`, `2016 года` → `2016`. */
function withoutYearWord(value: string): string {
  return value.replace(/\s+/gu, '').replace(/(?<=\d)(?:жылы|жыл|ж|года|год|г)\.?$/iu, '');
}

function splitList(value: string): string[] {
  return value
    .split(/[,;|/]/u)
    .map((part) => part.replace(NON_ALNUM_EDGES, ''))
    .filter((part) => part !== '');
}

// ---- Parser -----------------------------------------------------------------------------------

const TOO_MANY_TERMS_DETAIL = `at most ${QUERY_LIMITS.maxTerms} search terms`;

function atomKey(atom: QueryAtom): string {
  return atom.type === 'word' ? `w${atom.prefix ? '*' : ''} ${atom.text}` : `p ${atom.words.join(' ')}`;
}

function atomTerms(atom: QueryAtom): number {
  return atom.type === 'word' ? 1 : atom.words.length;
}

function emptyFilters(): QueryFilters {
  return { kinds: [], langs: [], yearFrom: null, yearTo: null, from: null, to: null, issuers: [], numbers: [] };
}

class Parser {
  readonly clauses: QueryClause[] = [];
  readonly excluded: QueryAtom[] = [];
  readonly warnings: QueryWarning[] = [];

  private readonly warningKeys = new Set<string>();
  private readonly clauseKeys = new Set<string>();
  private readonly excludedKeys = new Set<string>();
  private open: { atoms: QueryAtom[]; keys: Set<string> } | null = null;
  private orPending = false;
  private notPending = false;
  private terms = 0;

  private readonly kinds = new Set<KindCode>();
  private readonly langs = new Set<LanguageCode>();
  private readonly years: [number | null, number | null][] = [];
  private fromValue: DateValue | null = null;
  private toValue: DateValue | null = null;
  private readonly issuers: string[] = [];
  private readonly numbers: string[] = [];

  constructor(private readonly s: string) {}

  warn(code: QueryWarningCode, detail: string): void {
    if (this.warnings.length >= QUERY_LIMITS.maxWarnings) return;
    const key = `${code} ${detail}`;
    if (this.warningKeys.has(key)) return;
    this.warningKeys.add(key);
    this.warnings.push({ code, detail });
  }

  // -- Lexing

  run(): void {
    const s = this.s;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      SEPARATORS_STICKY.lastIndex = pos;
      if (SEPARATORS_STICKY.test(s)) pos = SEPARATORS_STICKY.lastIndex;
      if (pos >= n) break;
      const c = s.charCodeAt(pos);
      if (c === PIPE) {
        while (s.charCodeAt(pos) === PIPE) pos++;
        this.onOr();
      } else if (c === MINUS) {
        AFTER_WORD_STICKY.lastIndex = pos;
        const afterWord = AFTER_WORD_STICKY.test(s);
        while (s.charCodeAt(pos) === MINUS) pos++;
        if (afterWord || pos >= n) continue;
        if (QUOTE_CODES.has(s.charCodeAt(pos))) pos = this.readPhrase(pos, true);
        else {
          WORD_START_STICKY.lastIndex = pos;
          if (WORD_START_STICKY.test(s)) pos = this.readWordOrFilter(pos, true);
        }
      } else if (QUOTE_CODES.has(c)) {
        pos = this.readPhrase(pos, false);
      } else {
        pos = this.readWordOrFilter(pos, false);
      }
    }
    this.closeClause();
  }

  /** Reads a word; a caller has checked that one starts at `pos`. */
  private readWordOrFilter(pos: number, negated: boolean): number {
    const s = this.s;
    WORD_STICKY.lastIndex = pos;
    const match = WORD_STICKY.exec(s);
    if (!match) return pos + 1; // unreachable: callers only stop on a word start
    let end = WORD_STICKY.lastIndex;
    const raw = match[0];
    if (s[end] === ':' && LETTERS_ONLY.test(raw)) {
      const name = FILTER_NAMES.get(lookupKey(raw));
      if (name !== undefined) return this.readFilterValue(name, `${raw}:`, end + 1, negated);
    }
    let star = false;
    if (s[end] === '*') {
      star = true;
      end++;
      while (s[end] === '*') end++;
    }
    if (!negated && !star) {
      if (OPERATOR_OR.has(raw)) {
        this.onOr();
        return end;
      }
      if (raw === OPERATOR_AND) {
        this.onAnd();
        return end;
      }
      if (raw === OPERATOR_NOT) {
        this.onNot();
        return end;
      }
    }
    const text = this.word(raw);
    const firstLength = (text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
    const prefix = star && LETTER_OR_DIGIT.test(text.slice(firstLength));
    this.onAtom({ type: 'word', text, prefix }, negated);
    return end;
  }

  /** A word's text, cut to the length limit. */
  private word(raw: string): string {
    if (!isOverLength(raw, QUERY_LIMITS.maxWordLength)) return raw;
    this.warn('TOO_LONG', `word cut to ${QUERY_LIMITS.maxWordLength} characters: ${shorten(raw)}`);
    return cutCodePoints(raw, QUERY_LIMITS.maxWordLength).replace(TRAILING_JOINERS, '').normalize('NFC');
  }

  /** The end of a quoted text opened at `pos`: [content, position after the closing quote]. */
  private quoted(pos: number): [string, number] {
    const s = this.s;
    const closers = QUOTE_CLOSERS[s[pos] as string] ?? '"';
    let end = s.length;
    for (const closer of closers) {
      const at = s.indexOf(closer, pos + 1);
      if (at !== -1 && at < end) end = at;
    }
    return [s.slice(pos + 1, end), Math.min(end + 1, s.length)];
  }

  private readPhrase(pos: number, negated: boolean): number {
    const [content, next] = this.quoted(pos);
    const words: string[] = [];
    WORD_GLOBAL.lastIndex = 0;
    for (let match = WORD_GLOBAL.exec(content); match !== null; match = WORD_GLOBAL.exec(content)) {
      if (words.length === QUERY_LIMITS.maxPhraseWords) {
        this.warn('TOO_MANY_TERMS', `phrase cut to ${QUERY_LIMITS.maxPhraseWords} words: ${shorten(content)}`);
        break;
      }
      words.push(this.word(match[0]));
    }
    if (words.length === 0) {
      this.consumeNot();
      return next;
    }
    this.onAtom({ type: 'phrase', words }, negated);
    return next;
  }

  private readFilterValue(name: QueryFilterName, written: string, pos: number, negated: boolean): number {
    const s = this.s;
    let value: string;
    let quoted = false;
    let next: number;
    if (pos < s.length && (s[pos] as string) in QUOTE_CLOSERS) {
      [value, next] = this.quoted(pos);
      quoted = true;
    } else {
      BARE_VALUE_STICKY.lastIndex = pos;
      BARE_VALUE_STICKY.test(s);
      next = BARE_VALUE_STICKY.lastIndex;
      value = s.slice(pos, next).replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '');
    }
    value = value.trim();
    negated = this.consumeNot() || negated;
    this.closeClause();
    this.orPending = false;
    if (value === '') return next;
    if (negated) {
      this.warn('BAD_FILTER_VALUE', `negated filters are not supported: -${written}${shorten(value)}`);
      return next;
    }
    this.applyFilter(name, written, value, quoted);
    return next;
  }

  private applyFilter(name: QueryFilterName, written: string, value: string, quoted: boolean): void {
    const bad = (what = value) => this.warn('BAD_FILTER_VALUE', `${written}${shorten(what)}`);
    switch (name) {
      case 'kind':
        for (const part of splitList(value)) {
          const code = KIND_LOOKUP.get(lookupKey(part));
          if (code === undefined) bad(part);
          else this.kinds.add(code);
        }
        return;
      case 'lang':
        for (const part of splitList(value)) {
          const code = LANGUAGE_LOOKUP.get(lookupKey(part));
          if (code === undefined) bad(part);
          else this.langs.add(code);
        }
        return;
      case 'year':
        // A comma list is a union, like repeated year: filters.
        for (const part of value.split(/[,;]/u)) {
          const trimmed = withoutYearWord(part);
          if (trimmed === '') continue;
          const range = parseYearValue(trimmed);
          if (range === null) bad(part);
          else this.years.push(range);
        }
        return;
      case 'from':
      case 'to': {
        const date = parseDateValue(withoutYearWord(value));
        if (date === null) return bad();
        if (name === 'from') {
          if (this.fromValue === null || date.start < this.fromValue.start) this.fromValue = date;
        } else if (this.toValue === null || date.end > this.toValue.end) {
          this.toValue = date;
        }
        return;
      }
      case 'issuer': {
        let issuer = (quoted ? value : value.replace(NON_ALNUM_EDGES, ''))
          .replace(ALL_QUOTES, ' ')
          .replace(/\s+/gu, ' ')
          .trim();
        if (!LETTER_OR_DIGIT.test(issuer)) return bad();
        if (isOverLength(issuer, QUERY_LIMITS.maxIssuerLength)) {
          this.warn('TOO_LONG', `issuer cut to ${QUERY_LIMITS.maxIssuerLength} characters: ${shorten(issuer)}`);
          issuer = cutCodePoints(issuer, QUERY_LIMITS.maxIssuerLength).trimEnd().normalize('NFC');
        }
        this.addValue(this.issuers, issuer, 'issuer');
        return;
      }
      case 'number': {
        let key = normalizeDocumentNumber(value);
        if (key === '') return bad();
        if (isOverLength(key, QUERY_LIMITS.maxNumberLength)) {
          this.warn('TOO_LONG', `number cut to ${QUERY_LIMITS.maxNumberLength} characters: ${shorten(key)}`);
          key = normalizeDocumentNumber(cutCodePoints(key, QUERY_LIMITS.maxNumberLength));
        }
        this.addValue(this.numbers, key, 'number');
        return;
      }
    }
  }

  private addValue(list: string[], value: string, what: string): void {
    if (list.includes(value)) return;
    if (list.length >= QUERY_LIMITS.maxFilterValues) {
      this.warn('TOO_MANY_TERMS', `at most ${QUERY_LIMITS.maxFilterValues} ${what} values`);
      return;
    }
    list.push(value);
  }

  // -- Clause building

  private consumeNot(): boolean {
    const pending = this.notPending;
    this.notPending = false;
    return pending;
  }

  private closeClause(): void {
    const open = this.open;
    if (open === null) return;
    this.open = null;
    const key = [...open.keys].sort().join('\n');
    if (this.clauseKeys.has(key)) {
      this.terms -= open.atoms.reduce((sum, atom) => sum + atomTerms(atom), 0);
      return;
    }
    this.clauseKeys.add(key);
    this.clauses.push({ alternatives: open.atoms });
  }

  /** Adds an atom within the term budget (a phrase may be cut to fit); false when nothing fits. */
  private fit(atom: QueryAtom): QueryAtom | null {
    const room = QUERY_LIMITS.maxTerms - this.terms;
    const needed = atomTerms(atom);
    if (needed <= room) {
      this.terms += needed;
      return atom;
    }
    this.warn('TOO_MANY_TERMS', TOO_MANY_TERMS_DETAIL);
    if (atom.type === 'word' || room <= 0) return null;
    this.terms += room;
    return { type: 'phrase', words: atom.words.slice(0, room) };
  }

  private onAtom(atom: QueryAtom, negated: boolean): void {
    negated = this.consumeNot() || negated;
    const key = atomKey(atom);
    if (negated) {
      this.orPending = false;
      this.closeClause();
      if (this.excludedKeys.has(key)) return;
      const fitted = this.fit(atom);
      if (fitted === null) return;
      this.excludedKeys.add(atomKey(fitted));
      this.excluded.push(fitted);
      return;
    }
    if (this.orPending && this.open !== null) {
      this.orPending = false;
      if (this.open.keys.has(key)) return;
      const fitted = this.fit(atom);
      if (fitted === null) return;
      this.open.keys.add(atomKey(fitted));
      this.open.atoms.push(fitted);
      return;
    }
    this.orPending = false;
    this.closeClause();
    const fitted = this.fit(atom);
    if (fitted === null) return;
    this.open = { atoms: [fitted], keys: new Set([atomKey(fitted)]) };
  }

  private onOr(): void {
    this.notPending = false;
    if (this.open !== null) this.orPending = true;
  }

  private onAnd(): void {
    this.notPending = false;
    this.orPending = false;
    this.closeClause();
  }

  private onNot(): void {
    this.orPending = false;
    this.closeClause();
    this.notPending = true;
  }

  // -- Result

  filters(): QueryFilters {
    const filters = emptyFilters();
    filters.kinds = KIND_CODES.filter((code) => this.kinds.has(code));
    filters.langs = LANGUAGE_CODES.filter((code) => this.langs.has(code));
    if (this.years.length > 0) {
      let from: number | null = Number.POSITIVE_INFINITY;
      let to: number | null = Number.NEGATIVE_INFINITY;
      for (let [a, b] of this.years) {
        if (a !== null && b !== null && a > b) {
          this.warn('DATES_SWAPPED', `year:${a}-${b} read as year:${b}-${a}`);
          [a, b] = [b, a];
        }
        from = from === null || a === null ? null : Math.min(from, a);
        to = to === null || b === null ? null : Math.max(to, b);
      }
      filters.yearFrom = from;
      filters.yearTo = to;
    }
    let fromValue = this.fromValue;
    let toValue = this.toValue;
    if (fromValue !== null && toValue !== null && fromValue.start > toValue.end) {
      this.warn('DATES_SWAPPED', `from ${fromValue.start} is after to ${toValue.end}: swapped`);
      [fromValue, toValue] = [toValue, fromValue];
    }
    filters.from = fromValue?.start ?? null;
    filters.to = toValue?.end ?? null;
    filters.issuers = [...this.issuers];
    filters.numbers = [...this.numbers];
    return filters;
  }
}

function hasFilters(f: QueryFilters): boolean {
  return (
    f.kinds.length > 0 ||
    f.langs.length > 0 ||
    f.yearFrom !== null ||
    f.yearTo !== null ||
    f.from !== null ||
    f.to !== null ||
    f.issuers.length > 0 ||
    f.numbers.length > 0
  );
}

/** Parses anything the user typed. Never throws; see the module comment for the language. */
export function parseQuery(input: string): ParsedQuery {
  let text = typeof input === 'string' ? input : String(input ?? '');
  let cut = false;
  if (text.length > QUERY_LIMITS.maxInputLength) {
    text = text.slice(0, QUERY_LIMITS.maxInputLength);
    cut = true;
  }
  text = sanitize(text).normalize('NFC');
  const parser = new Parser(text);
  if (cut) parser.warn('TOO_LONG', `only the first ${QUERY_LIMITS.maxInputLength} characters are searched`);
  parser.run();
  const filters = parser.filters();
  const withFilters = hasFilters(filters);
  if (parser.clauses.length === 0 && parser.excluded.length > 0 && !withFilters) {
    parser.warn('ONLY_EXCLUSIONS', 'a query of exclusions alone finds nothing: add a word or a filter');
  }
  return {
    clauses: parser.clauses,
    excluded: parser.excluded,
    filters,
    warnings: parser.warnings,
    isEmpty: parser.clauses.length === 0 && !withFilters,
  };
}

// ---- Canonical text ---------------------------------------------------------------------------

function describeAtom(atom: QueryAtom, negated: boolean): string {
  if (atom.type === 'phrase') return atom.words.length === 0 ? '' : `"${atom.words.join(' ')}"`;
  if (atom.text === '') return '';
  if (atom.prefix) return `${atom.text}*`;
  // Operator words are only words after `-`; elsewhere they need quotes (a one-word phrase).
  if (!negated && (OPERATOR_OR.has(atom.text) || atom.text === OPERATOR_AND || atom.text === OPERATOR_NOT)) {
    return `"${atom.text}"`;
  }
  return atom.text;
}

/**
 * The canonical text of a query: clauses (`a OR b`), then exclusions, then filters in a fixed
 * order with canonical values (`kind:` codes, `lang:` codes, ISO dates, number keys). Used for
 * "did you mean" rewriting and tests; parsing it gives the query back (see the module comment).
 */
export function describeQuery(q: ParsedQuery): string {
  const parts: string[] = [];
  for (const clause of q.clauses) {
    const alternatives = clause.alternatives.map((atom) => describeAtom(atom, false)).filter((t) => t !== '');
    if (alternatives.length > 0) parts.push(alternatives.join(' OR '));
  }
  for (const atom of q.excluded) {
    const text = describeAtom(atom, true);
    if (text !== '') parts.push(`-${text}`);
  }
  const f = q.filters;
  if (f.kinds.length > 0) parts.push(`kind:${f.kinds.join(',')}`);
  if (f.langs.length > 0) parts.push(`lang:${f.langs.join(',')}`);
  if (f.yearFrom !== null || f.yearTo !== null) {
    parts.push(f.yearFrom === f.yearTo ? `year:${f.yearFrom}` : `year:${f.yearFrom ?? ''}-${f.yearTo ?? ''}`);
  }
  if (f.from !== null) parts.push(`from:${f.from}`);
  if (f.to !== null) parts.push(`to:${f.to}`);
  for (const issuer of f.issuers) parts.push(`issuer:"${issuer}"`);
  for (const number of f.numbers) parts.push(`number:${number}`);
  return parts.join(' ');
}
