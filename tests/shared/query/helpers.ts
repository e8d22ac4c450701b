/**
 * Test helpers for the query parser: a seeded PRNG, a generator of hostile strings (shared with
 * the FTS5 side of the fuzz test in the core) and a checker of well-formed results.
 */
import { KIND_CODES, LANGUAGE_CODES } from '../../../shared/domain/kinds';
import { prng } from '../../helpers/prng';

export { prng };
import {
  normalizeDocumentNumber,
  QUERY_LIMITS,
  type ParsedQuery,
  type QueryAtom,
} from '../../../shared/search/query';


export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const chr = (code: number): string => String.fromCharCode(code);

const CONTROL = [
  ...Array.from({ length: 32 }, (_, i) => chr(i)),
  chr(0x7f), chr(0x85), chr(0x9f), '\u2028', '\u2029',
];
const INVISIBLE = ['\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\u061c', '\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff'];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
const QUOTE_CHARS = ['"', '"', '"', '«', '»', '“', '”', '„', '‟', '″', '＂', "'", '’', '`'];
const SYNTAX = ['-', '-', '--', '*', '**', ':', '^', '(', ')', '[', ']', '{', '}', '|', '||', '+', '~', '!', '&', '\\', '/', '.', ',', ';', '#', '@', '№', '%', '=', '<', '>'];
const KEYWORDS = ['OR', 'OR', 'AND', 'NOT', 'NEAR', 'NEAR(', 'NEAR/3', 'ИЛИ', 'НЕМЕСЕ', 'or', 'near', 'MATCH', 'rank', 'bm25(', '{exact loose}', 'exact:', 'col:'];
const FILTERS = [
  'kind:', 'lang:', 'year:', 'from:', 'to:', 'issuer:', 'number:', 'KIND:', 'түрі:', 'вид:', 'тіл:', 'язык:', 'жыл:',
  'год:', 'нөмір:', 'номер:', 'шығарған:', 'орган:', 'бастап:', 'с:', 'дейін:', 'по:', 'http:', 'Статья:', 'x:',
];
const VALUES = [
  'law', 'order,decision', 'бұйрық', 'Приказ', 'Order', 'press_release', 'kk', 'ru,en', 'қаз', 'rus', 'mixed', '2016',
  '2015-2017', '2017-2015', '1899', '2101', '2016-02-30', '2016-02-29', '2015-13', '02.11.2015', '-2015', '2015-',
  '№383-V', '383-V ҚРЗ', 'N', '№', 'No.5', 'Ⅴ', '０１２',
];
const WORDS = [
  'қоғамдық', 'кеңес', 'туралы', 'кеңестер', 'КЕҢЕСТЕРДІҢ', 'закон', 'заң', 'жоба', 'Алматы-Астана', "д'Артаньян",
  '383-V', '2015.11.02', '6-38', 'ҚР-ның', 'ё', 'Ёлка', 'keñes', 'Kazinfоrm', 'ı', 'İstanbul', 'ß', 'ǅ', 'ﷺ', 'ﬁ',
  'е\u0301', '\u0301', '\u0336x', 'a', 'b', 'Z', '0', '42', '½', '²', '٣', '中文', 'العربية', 'עברית', 'x'.repeat(70),
];
const EMOJI = ['😀', '👨‍👩‍👧', '🇰🇿', '❤️', '👍🏽', '🏳️‍🌈', '\u{1d400}', '\u{e0067}'];
const LETTERS = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВӘҒҚҢӨҰҮҺІabcdefghijklmnopqrstuvwxyzABCXYZ0123456789'];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\u3000', '\u2003'];

const GROUPS: readonly (readonly string[])[] = [
  CONTROL, INVISIBLE, SURROGATES, QUOTE_CHARS, QUOTE_CHARS, SYNTAX, SYNTAX, KEYWORDS, FILTERS, VALUES, WORDS, WORDS,
  WORDS, EMOJI, LETTERS, LETTERS, LETTERS, SPACES, SPACES, SPACES, SPACES,
];

function fragment(random: () => number): string {
  // A filter name with a value, well-formed or not, now and then.
  if (random() < 0.04) return pick(random, FILTERS) + pick(random, VALUES);
  return pick(random, pick(random, GROUPS));
}

/** One hostile string: fragments, sometimes raw random UTF-16 units, sometimes over 10 KB. */
export function hostileString(random: () => number): string {
  const roll = random();
  if (roll < 0.05) {
    // Raw UTF-16 code units, any value (lone surrogates, noncharacters, private use…).
    const length = Math.floor(random() * 60);
    let out = '';
    for (let i = 0; i < length; i++) out += chr(Math.floor(random() * 0x10000));
    return out;
  }
  if (roll < 0.06) {
    // Over 10 KB.
    let out = '';
    const short = random() < 0.3;
    while (out.length < 10_240) out += short ? pick(random, LETTERS) : fragment(random);
    return out;
  }
  const count = Math.floor(random() * 30);
  let out = '';
  for (let i = 0; i < count; i++) out += fragment(random);
  return out;
}

/** `count` hostile strings, reproducible from `seed`. */
export function hostileStrings(count: number, seed = 20_240_601): string[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => hostileString(random));
}

/** Everything a word must not contain besides controls: quotes, whitespace, FTS5 syntax. */
const FORBIDDEN_IN_WORD = /[\s"«»“”„‟″＂*:^()[\]{}|+~\\,;!?<>]/u;

/** C0 and C1 controls, DEL, and the invisible characters the parser drops. */
export function hasControlOrInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff) return true;
    if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f)) return true;
  }
  return false;
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function codePoints(text: string): number {
  return [...text].length;
}

function checkWord(word: unknown, problems: string[], where: string): void {
  if (typeof word !== 'string' || word === '') {
    problems.push(`${where}: empty word`);
    return;
  }
  if (FORBIDDEN_IN_WORD.test(word) || hasControlOrInvisible(word)) problems.push(`${where}: forbidden character in ${JSON.stringify(word)}`);
  if (LONE_SURROGATE.test(word)) problems.push(`${where}: lone surrogate in ${JSON.stringify(word)}`);
  if (!/^[\p{L}\p{N}]/u.test(word)) problems.push(`${where}: word does not start with a letter or digit: ${JSON.stringify(word)}`);
  if (codePoints(word) > QUERY_LIMITS.maxWordLength) problems.push(`${where}: word too long`);
  if (word !== word.normalize('NFC')) problems.push(`${where}: word not NFC`);
}

function checkAtom(atom: QueryAtom, problems: string[], where: string): number {
  if (atom.type === 'word') {
    checkWord(atom.text, problems, where);
    if (typeof atom.prefix !== 'boolean') problems.push(`${where}: prefix not boolean`);
    if (atom.prefix && [...atom.text].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length < 2) {
      problems.push(`${where}: prefix with fewer than 2 letters`);
    }
    return 1;
  }
  if (atom.type !== 'phrase' || !Array.isArray(atom.words)) {
    problems.push(`${where}: bad atom ${JSON.stringify(atom)}`);
    return 0;
  }
  if (atom.words.length === 0) problems.push(`${where}: empty phrase`);
  if (atom.words.length > QUERY_LIMITS.maxPhraseWords) problems.push(`${where}: phrase too long`);
  atom.words.forEach((word, i) => checkWord(word, problems, `${where}.words[${i}]`));
  return atom.words.length;
}

/** Problems with a parse result (an empty list when it is well-formed). */
export function wellFormedProblems(q: ParsedQuery): string[] {
  const problems: string[] = [];
  let terms = 0;
  q.clauses.forEach((clause, i) => {
    if (clause.alternatives.length === 0) problems.push(`clauses[${i}]: no alternatives`);
    clause.alternatives.forEach((atom, j) => (terms += checkAtom(atom, problems, `clauses[${i}][${j}]`)));
  });
  q.excluded.forEach((atom, i) => (terms += checkAtom(atom, problems, `excluded[${i}]`)));
  if (terms > QUERY_LIMITS.maxTerms) problems.push(`too many terms: ${terms}`);

  const f = q.filters;
  const canonicalKinds = KIND_CODES.filter((code) => f.kinds.includes(code));
  if (JSON.stringify(canonicalKinds) !== JSON.stringify(f.kinds)) problems.push(`kinds not canonical: ${f.kinds.join()}`);
  const canonicalLangs = LANGUAGE_CODES.filter((code) => f.langs.includes(code));
  if (JSON.stringify(canonicalLangs) !== JSON.stringify(f.langs)) problems.push(`langs not canonical: ${f.langs.join()}`);
  for (const year of [f.yearFrom, f.yearTo]) {
    if (year !== null && !(Number.isInteger(year) && year >= 1900 && year <= 2100)) problems.push(`bad year ${year}`);
  }
  if (f.yearFrom !== null && f.yearTo !== null && f.yearFrom > f.yearTo) problems.push('yearFrom > yearTo');
  for (const date of [f.from, f.to]) {
    if (date !== null && (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))) problems.push(`bad date ${date}`);
    if (date !== null && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) problems.push(`no such day ${date}`);
  }
  if (f.from !== null && f.to !== null && f.from > f.to) problems.push('from > to');
  if (f.issuers.length > QUERY_LIMITS.maxFilterValues) problems.push('too many issuers');
  for (const issuer of f.issuers) {
    if (!/[\p{L}\p{N}]/u.test(issuer) || issuer !== issuer.trim()) problems.push(`bad issuer ${JSON.stringify(issuer)}`);
    if (/["«»“”„‟″＂]/u.test(issuer) || hasControlOrInvisible(issuer) || LONE_SURROGATE.test(issuer)) {
      problems.push(`bad character in issuer ${JSON.stringify(issuer)}`);
    }
    if (codePoints(issuer) > QUERY_LIMITS.maxIssuerLength) problems.push('issuer too long');
  }
  if (new Set(f.issuers).size !== f.issuers.length) problems.push('duplicate issuers');
  if (f.numbers.length > QUERY_LIMITS.maxFilterValues) problems.push('too many numbers');
  for (const number of f.numbers) {
    if (number === '' || normalizeDocumentNumber(number) !== number) problems.push(`number key not stable ${JSON.stringify(number)}`);
    if (/[\s"*:^()|]/u.test(number)) problems.push(`bad character in number key ${JSON.stringify(number)}`);
    if (codePoints(number) > QUERY_LIMITS.maxNumberLength) problems.push('number too long');
  }
  if (new Set(f.numbers).size !== f.numbers.length) problems.push('duplicate numbers');

  if (q.warnings.length > QUERY_LIMITS.maxWarnings) problems.push('too many warnings');
  const codes = new Set(['TOO_LONG', 'TOO_MANY_TERMS', 'BAD_FILTER_VALUE', 'DATES_SWAPPED', 'ONLY_EXCLUSIONS']);
  for (const warning of q.warnings) {
    if (!codes.has(warning.code) || typeof warning.detail !== 'string') problems.push(`bad warning ${JSON.stringify(warning)}`);
  }
  const hasFilters =
    f.kinds.length + f.langs.length + f.issuers.length + f.numbers.length > 0 ||
    [f.yearFrom, f.yearTo, f.from, f.to].some((v) => v !== null);
  if (q.isEmpty !== (q.clauses.length === 0 && !hasFilters)) problems.push('isEmpty inconsistent');
  return problems;
}

/** The parts of a result the round trip must reproduce: everything but the warnings. */
export function withoutWarnings(q: ParsedQuery): Omit<ParsedQuery, 'warnings'> {
  const { warnings: _warnings, ...rest } = q;
  return rest;
}
