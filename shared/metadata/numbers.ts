/**
 * Act numbers: `№ 383-V ҚРЗ`, `№ 6-38`, `N 66`, `№110`, `No. 5`, `№ 95-ОД`, `№ KZ27LAA00028039`.
 * This module only finds and normalises them; which one is the document's own is decided by the
 * requisites rules, from the words around them.
 */

export interface NumberMatch {
  /** Normalised: no № sign, single spaces, e.g. `383-V ҚРЗ`. */
  value: string;
  /** Position of the whole match (sign included) in the searched text, end exclusive. */
  index: number;
  end: number;
}

const ALNUM = '0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі';
/**
 * The sign: `№`, or Latin `N`/`No`/`Nr` as a word of its own directly followed by a digit
 * (`N 66`, `No. 5`), so the letter N inside words and names is never taken.
 */
// OCR reads the № sign as `N°`, `Nº` or `Ne` (`Ne 3 ХАТТАМАСЫ`); all count when a digit follows.
const SIGN = `(?:№|(?<![\\p{L}\\d])(?:No|Nr|Ne|N[°º]|N)\\.?(?=\\s?\\d))`;
/**
 * The number itself starts with a digit or a capital (`KZ27…`), so `№ п/п` (table header) and
 * `№ ____` (a blank form field) are not numbers; groups joined by - or / follow, and by a dot
 * only when digits follow it (`№ 66.Зарегистрирован` keeps `66`).
 */
const CORE = `[0-9A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][${ALNUM}]{0,30}(?:[-/][${ALNUM}]{1,20}|\\.\\d{1,20}){0,5}`;
/** Suffixes that belong to the number of a law: `383-V ҚРЗ`, `383-V ЗРК`, `197-ФЗ` (hyphenated). */
// Word's small-caps formatting (`w:caps`) stores the suffix in lower case (`235-v зрк`); it is
// printed, and filed, in capitals.
const LAW_SUFFIX = `\\s(?:ҚРЗ|ЗРК|ҚРЗҚ|ФКЗ|ФЗ|қрз|зрк|қрзқ|фкз|фз)(?![\\p{L}])`;
/**
 * Ministries prefix their order numbers with capital groups: `№ ҚР ДСМ-275/2020`, `№ ҚР ДСМ-175/2020`,
 * `№ KZ ОД-12`. Tried before the plain shape, which would stop at the first space.
 */
const CAPS = 'A-ZА-ЯЁӘҒҚҢӨҰҮҺІ';
const PREFIXED = `(?:[${CAPS}]{1,5}\\s){1,2}[${CAPS}]{1,8}-[0-9][${ALNUM}]{0,20}(?:[-/][${ALNUM}]{1,20}){0,5}`;
/**
 * The register index clerks add after an order's number: `№ 163 н/қ` (негізгі қызмет), `№ 12 л/с`
 * (личный состав), `№ 5 ж/қ`, `№ 45-ө/д`. Two lower-case letters around a slash, part of the number.
 */
// `и/о` (acting) after a number starts the signer's title, not an index.
const REGISTER_SUFFIX = `\\s(?!и/о)[а-яёәғқңөұүһі]{1,2}/[а-яёәғқңөұүһі]{1,2}(?![\\p{L}])`;
const SUFFIX = `(?:${LAW_SUFFIX}|${REGISTER_SUFFIX})?`;
const NUMBER_RE = new RegExp(`${SIGN}\\s*(${PREFIXED}|${CORE}${SUFFIX})`, 'gu');

/**
 * A number written right at the start of `text`, with or without its sign, after a stamp's mark:
 * `: 16-13-183Д/С`, ` № 15-04/112`, `. N 5`. Used where the mark comes before the sign
 * (`№ исх: 16-13-183Д/С`, `Шығ. № 15-04/112`).
 */
const LEADING_NUMBER_RE = new RegExp(`^[\\s.:]*(?:(?:№|No|Nr|N)\\.?)?[\\s.:]*(${CORE}${SUFFIX})`, 'u');

export function numberAtStart(text: string): { value: string; length: number } | null {
  const match = LEADING_NUMBER_RE.exec(text);
  const value = normaliseNumber(match?.[1] ?? '');
  if (!match || !/\d/.test(value)) return null;
  return { value, length: match[0].length };
}

/** Strip the sign, trailing punctuation and extra spaces: `№  383-V ҚРЗ.` → `383-V ҚРЗ`. */
export function normaliseNumber(raw: string): string {
  return raw
    .replace(/^\s*(?:№|No\.?|Nr\.?|Ne\.?|N[°º]|N)\s*/u, '')
    // `№1-Хаттама`, `№ 5-шешім`: the kind word glued to the number is no part of it.
    .replace(/-(?:хаттама\p{L}*|шешім\p{L}*|бұйрық\p{L}*|протокол|решение|приказ)$/iu, '')
    .replace(/[\s.,;:)]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    // A law's number names the convocation in Roman numerals and ends with the law's abbreviation,
    // both always capitals (`235-V ЗРК`, `567-II`); lower case is formatting lost on the way.
    .replace(/^(\d+-)([ivx]{1,4})(?=$|\s)/iu, (_, digits: string, roman: string) => digits + roman.toUpperCase())
    .replace(/(\s)(қрзқ|қрз|зрк|фкз|фз)$/iu, (_, space: string, suffix: string) => space + suffix.toUpperCase());
}

/** Every number with a digit in it, in order of position. */
export function findNumbers(text: string): NumberMatch[] {
  const result: NumberMatch[] = [];
  for (const match of text.matchAll(NUMBER_RE)) {
    const value = normaliseNumber(match[1] ?? '');
    if (!/\d/.test(value)) continue;
    result.push({ value, index: match.index, end: match.index + match[0].length });
  }
  return result;
}
