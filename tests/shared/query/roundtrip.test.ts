/**
 * describeQuery is the canonical text of a query: parsing it gives the same query back
 * (warnings aside), and describing that again gives the same text.
 */
import { describe, expect, it } from 'vitest';
import { KIND_CODES } from '../../../shared/domain/kinds';
import { describeQuery, parseQuery, QUERY_LIMITS, type ParsedQuery } from '../../../shared/search/query';
import { pick, prng, wellFormedProblems, withoutWarnings } from './helpers';

const WORDS = [
  'қоғамдық', 'кеңес', 'кеңестер', 'туралы', 'заң', 'закон', 'жоба', 'приказ', 'бұйрық', 'Алматы-Астана', "д'Артаньян",
  'д’Артаньян', '383-V', '6-38', '2015.11.02', '95/2', 'ҚР-ның', 'Ёлка', 'keñes', 'İstanbul', 'or', 'OR', 'AND', 'NOT',
  'ИЛИ', 'НЕМЕСЕ', 'NEAR', 'a', 'ab', 'е\u0301', 'x'.repeat(80), `${'y'.repeat(63)}-zz`, '𝐀𝐁', '½', 'кең\u00adес',
];
const QUOTES: [string, string][] = [['"', '"'], ['«', '»'], ['“', '”'], ['„', '“'], ['"', '']];
const FILTERS = [
  'kind:law', 'kind:order,decision', 'kind:бұйрық', 'kind:"Баспасөз релизі"', 'түрі:заң', 'вид:приказ', 'kind:xyz',
  'lang:kk', 'lang:ru,en', 'тіл:қаз', 'язык:рус', 'lang:mixed', 'lang:fr', 'year:2016', 'year:2015-2017',
  'year:2017-2015', 'year:2015-', 'year:-2017', 'жыл:2019', 'год:1800', 'from:2016', 'from:2016-02', 'to:2016-02-29',
  'to:2015', 'бастап:2014-05-06', 'с:02.11.2015', 'по:2020', 'дейін:2010-13', 'issuer:Минфин', 'issuer:"Білім және ғылым министрлігі"',
  'орган:«ТОО "Самұрық"»', 'шығарған:"  a  b "', 'issuer:"..."', 'number:383-V', 'number:"№ 383-V ҚРЗ"', 'нөмір:6-38',
  'номер:№', '-kind:law', 'kind:', 'Статья:5', 'http://x', '10:30',
];
const NOISE = [',', '.', '(', ')', '!', '?', ';', ':', '^', '*', '-', '|', '  ', '\t', '😀', '\u0000', '\u202e'];

function generatedQuery(random: () => number): string {
  const parts: string[] = [];
  const count = 1 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    const roll = random();
    let part: string;
    if (roll < 0.4) part = pick(random, WORDS);
    else if (roll < 0.5) part = `${pick(random, WORDS)}*`;
    else if (roll < 0.6) {
      const [open, close] = pick(random, QUOTES);
      const n = Math.floor(random() * 5);
      part = open + Array.from({ length: n }, () => pick(random, WORDS)).join(' ') + close;
    } else if (roll < 0.7) part = pick(random, ['OR', '|', 'ИЛИ', 'НЕМЕСЕ', 'AND', 'NOT']);
    else if (roll < 0.8) part = `-${pick(random, WORDS)}`;
    else if (roll < 0.93) part = pick(random, FILTERS);
    else part = pick(random, NOISE);
    parts.push(part);
  }
  return parts.join(random() < 0.9 ? ' ' : '');
}

/** Asserts the round trip for one parse result. */
function expectRoundTrip(q: ParsedQuery, input: string): void {
  const text = describeQuery(q);
  const again = parseQuery(text);
  expect(withoutWarnings(again), `${JSON.stringify(input)} → ${JSON.stringify(text)}`).toEqual(withoutWarnings(q));
  expect(describeQuery(again), JSON.stringify(input)).toBe(text);
  // The canonical text needs no repairs: only the warning about the query itself can come back.
  expect(again.warnings.filter((w) => w.code !== 'ONLY_EXCLUSIONS'), JSON.stringify(text)).toEqual([]);
}

describe('round trip', () => {
  it('on the examples', () => {
    for (const input of [
      'қоғамдық кеңес туралы',
      '"қоғамдық кеңестер туралы" kind:law year:2015',
      'закон OR заң -жоба',
      'кеңес* lang:kk from:2016-01 to:2016',
      'number:"№ 383-V ҚРЗ"',
      'issuer:"Білім және ғылым министрлігі"',
      'a b OR c d',
      '-OR -"OR" "AND" NOT x OR* -жоб*',
      'year:2015- from:2017 to:2015',
      '-a -b',
      '',
    ]) {
      expectRoundTrip(parseQuery(input), input);
    }
  });

  it('the longest canonical text still fits in the input limit', () => {
    // Astral letters (two UTF-16 units each) at every length limit.
    const letter = (i: number) => String.fromCodePoint(0x10428 + (i % 40)); // Deseret small letters
    const long = (n: number, seed: number) => Array.from({ length: n }, (_, i) => letter(i + seed)).join('');
    const input = [
      ...Array.from({ length: QUERY_LIMITS.maxTerms }, (_, i) => `${long(QUERY_LIMITS.maxWordLength, i)}*`),
      `kind:${KIND_CODES.join(',')}`,
      'lang:kk,ru,en,mixed year:2015-2017 from:2015-01-01 to:2017-12-31',
      ...Array.from({ length: QUERY_LIMITS.maxFilterValues }, (_, i) => `issuer:"${long(QUERY_LIMITS.maxIssuerLength, i)}"`),
      ...Array.from({ length: QUERY_LIMITS.maxFilterValues }, (_, i) => `number:${long(QUERY_LIMITS.maxNumberLength, i)}`),
    ].join(' ');
    const q = parseQuery(input);
    expect(q.warnings).toEqual([]);
    expect(q.clauses).toHaveLength(QUERY_LIMITS.maxTerms);
    expect(q.filters.issuers).toHaveLength(QUERY_LIMITS.maxFilterValues);
    expect(q.filters.numbers).toHaveLength(QUERY_LIMITS.maxFilterValues);
    const text = describeQuery(q);
    expect(text.length).toBeLessThan(QUERY_LIMITS.maxInputLength);
    expectRoundTrip(q, input);
  });

  it('on 5,000 generated queries', () => {
    const random = prng(42);
    let withClauses = 0;
    let withOr = 0;
    let withFilters = 0;
    for (let i = 0; i < 5000; i++) {
      const input = generatedQuery(random);
      const q = parseQuery(input);
      expect(wellFormedProblems(q), JSON.stringify(input)).toEqual([]);
      expectRoundTrip(q, input);
      if (q.clauses.length > 0) withClauses++;
      if (q.clauses.some((c) => c.alternatives.length > 1)) withOr++;
      if (!q.isEmpty && q.clauses.length === 0) withFilters++;
    }
    // The generator exercises what it should.
    expect(withClauses).toBeGreaterThan(3000);
    expect(withOr).toBeGreaterThan(500);
    expect(withFilters).toBeGreaterThan(50);
  });
});
