/** The query language, example by example (shared/search/query.ts). */
import { describe, expect, it } from 'vitest';
import { KIND_CODES, KIND_LABELS } from '../../../shared/domain/kinds';
import {
  describeQuery,
  FILTER_NAME_ALIASES,
  parseQuery,
  QUERY_LIMITS,
  type ParsedQuery,
  type QueryAtom,
} from '../../../shared/search/query';
import { wellFormedProblems } from './helpers';

const w = (text: string, prefix = false): QueryAtom => ({ type: 'word', text, prefix });
const p = (...words: string[]): QueryAtom => ({ type: 'phrase', words });

/** Clauses as arrays of alternatives, for short expectations. */
const clauses = (q: ParsedQuery): QueryAtom[][] => q.clauses.map((c) => c.alternatives);
/** Every clause a single plain word: their texts. */
const words = (input: string): string[] =>
  parseQuery(input).clauses.map((c) => {
    const [atom] = c.alternatives;
    if (c.alternatives.length !== 1 || atom?.type !== 'word' || atom.prefix) throw new Error(`not a plain word: ${JSON.stringify(c)}`);
    return atom.text;
  });
const codes = (q: ParsedQuery): string[] => q.warnings.map((warning) => warning.code);

function parse(input: string): ParsedQuery {
  const q = parseQuery(input);
  expect(wellFormedProblems(q)).toEqual([]);
  return q;
}

describe('real queries', () => {
  it('қоғамдық кеңес туралы: three words, all must match', () => {
    const q = parse('қоғамдық кеңес туралы');
    expect(clauses(q)).toEqual([[w('қоғамдық')], [w('кеңес')], [w('туралы')]]);
    expect(q.excluded).toEqual([]);
    expect(q.warnings).toEqual([]);
    expect(q.isEmpty).toBe(false);
  });

  it('a phrase with a kind and a year', () => {
    const q = parse('"қоғамдық кеңестер туралы" kind:law year:2015');
    expect(clauses(q)).toEqual([[p('қоғамдық', 'кеңестер', 'туралы')]]);
    expect(q.filters).toMatchObject({ kinds: ['law'], yearFrom: 2015, yearTo: 2015, from: null, to: null });
    expect(q.warnings).toEqual([]);
  });

  it('закон OR заң -жоба', () => {
    const q = parse('закон OR заң -жоба');
    expect(clauses(q)).toEqual([[w('закон'), w('заң')]]);
    expect(q.excluded).toEqual([w('жоба')]);
  });

  it('a prefix with a language and a date range', () => {
    const q = parse('кеңес* lang:kk from:2016-01 to:2016');
    expect(clauses(q)).toEqual([[w('кеңес', true)]]);
    expect(q.filters).toMatchObject({ langs: ['kk'], from: '2016-01-01', to: '2016-12-31' });
  });

  it('number:"№ 383-V ҚРЗ"', () => {
    const q = parse('number:"№ 383-V ҚРЗ"');
    expect(q.clauses).toEqual([]);
    expect(q.filters.numbers).toEqual(['383-vkpз']);
    expect(q.isEmpty).toBe(false);
  });

  it('issuer:"Білім және ғылым министрлігі"', () => {
    const q = parse('issuer:"Білім және ғылым министрлігі"');
    expect(q.filters.issuers).toEqual(['Білім және ғылым министрлігі']);
    expect(q.clauses).toEqual([]);
  });
});

describe('words', () => {
  it('splits on whitespace and punctuation, keeps inner hyphens and apostrophes', () => {
    expect(words('кеңес,шешім')).toEqual(['кеңес', 'шешім']);
    expect(words('Алматы-Астана 383-V д\'Артаньян д’Артаньян')).toEqual(['Алматы-Астана', '383-V', "д'Артаньян", 'д’Артаньян']);
    expect(words('(кеңес). [шешім]; {заң}! <жоба>? «»')).toEqual(['кеңес', 'шешім', 'заң', 'жоба']);
  });

  it('keeps numbers with inner dots, slashes and dashes whole', () => {
    expect(words('2015.11.02 6-38 95/2 1.5')).toEqual(['2015.11.02', '6-38', '95/2', '1.5']);
    expect(words('2015. end. a.b 5.x y/6')).toEqual(['2015', 'end', 'a', 'b', '5', 'x', 'y', '6']);
  });

  it('unknown name:value is ordinary text', () => {
    expect(words('http://x 10:30 Статья:5 foo:bar')).toEqual(['http', 'x', '10', '30', 'Статья', '5', 'foo', 'bar']);
  });

  it('keeps the surface text (NFC), drops invisible characters inside words', () => {
    expect(words('КЕҢЕС Кеңес')).toEqual(['КЕҢЕС', 'Кеңес']);
    expect(words('a\u0301 е\u0301')).toEqual(['\u00e1', 'е\u0301']); // NFC: Latin á composes, Cyrillic е́ has no precomposed form
    expect(words('кең\u00ADес кең\u200Bес \u200Fкеңес\u202C')).toEqual(['кеңес']);
  });

  it('duplicate words are one clause', () => {
    expect(words('кеңес кеңес шешім кеңес')).toEqual(['кеңес', 'шешім']);
  });
});

describe('phrases', () => {
  it('accepts ASCII, guillemet and typographic quotes', () => {
    for (const input of ['"қоғамдық кеңес"', '«қоғамдық кеңес»', '“қоғамдық кеңес”', '„қоғамдық кеңес“', '＂қоғамдық кеңес＂']) {
      expect(clauses(parse(input)), input).toEqual([[p('қоғамдық', 'кеңес')]]);
    }
  });

  it('guillemets inside ASCII quotes stay inside the phrase', () => {
    expect(clauses(parse('"Закон «О языках» 1997"'))).toEqual([[p('Закон', 'О', 'языках', '1997')]]);
  });

  it('an unbalanced quote runs to the end', () => {
    expect(clauses(parse('заң "қоғамдық кеңес туралы'))).toEqual([[w('заң')], [p('қоғамдық', 'кеңес', 'туралы')]]);
    expect(clauses(parse('«жоба'))).toEqual([[p('жоба')]]);
  });

  it('empty phrases are dropped; a one-word phrase stays a phrase', () => {
    expect(parse('"" «» " , " кеңес').clauses).toEqual([{ alternatives: [w('кеңес')] }]);
    expect(clauses(parse('"кеңес"'))).toEqual([[p('кеңес')]]);
  });

  it('operators, filters, prefixes and exclusions inside a phrase are words', () => {
    expect(clauses(parse('"a OR b -c d* kind:law"'))).toEqual([[p('a', 'OR', 'b', 'c', 'd', 'kind', 'law')]]);
  });
});

describe('OR', () => {
  it('binds the two neighbouring atoms: a b OR c d = a AND (b OR c) AND d', () => {
    expect(clauses(parse('a b OR c d'))).toEqual([[w('a')], [w('b'), w('c')], [w('d')]]);
  });

  it('chains, and has spellings |, ИЛИ, НЕМЕСЕ', () => {
    expect(clauses(parse('a OR b OR c'))).toEqual([[w('a'), w('b'), w('c')]]);
    expect(clauses(parse('a|b || c'))).toEqual([[w('a'), w('b'), w('c')]]);
    expect(clauses(parse('закон ИЛИ приказ'))).toEqual([[w('закон'), w('приказ')]]);
    expect(clauses(parse('заң НЕМЕСЕ бұйрық'))).toEqual([[w('заң'), w('бұйрық')]]);
  });

  it('lower-case or, или, немесе are words', () => {
    expect(words('a or b или c немесе d Or')).toEqual(['a', 'or', 'b', 'или', 'c', 'немесе', 'd', 'Or']);
  });

  it('joins phrases and prefixes', () => {
    expect(clauses(parse('"a b" OR cc*'))).toEqual([[p('a', 'b'), w('cc', true)]]);
  });

  it('is dropped at the ends, repeated, or not between two positive atoms', () => {
    expect(clauses(parse('OR a OR'))).toEqual([[w('a')]]);
    expect(clauses(parse('a OR OR b'))).toEqual([[w('a'), w('b')]]);
    expect(clauses(parse('OR'))).toEqual([]);
    expect(clauses(parse('a OR -b c'))).toEqual([[w('a')], [w('c')]]);
    expect(clauses(parse('a OR kind:law c'))).toEqual([[w('a')], [w('c')]]);
    expect(parse('| || OR ИЛИ').isEmpty).toBe(true);
  });

  it('AND is accepted and ignored; NOT x is -x', () => {
    expect(clauses(parse('a AND b'))).toEqual([[w('a')], [w('b')]]);
    const q = parse('a NOT b NOT');
    expect(clauses(q)).toEqual([[w('a')]]);
    expect(q.excluded).toEqual([w('b')]);
    expect(clauses(parse('a AND OR b'))).toEqual([[w('a')], [w('b')]]);
  });

  it('duplicate alternatives and clauses are merged', () => {
    expect(clauses(parse('a OR a'))).toEqual([[w('a')]]);
    expect(clauses(parse('a OR b x b OR a'))).toEqual([[w('a'), w('b')], [w('x')]]);
  });
});

describe('exclusions and prefixes', () => {
  it('-word, -"phrase", -prefix*', () => {
    const q = parse('кеңес -жоба -"жоба туралы" -жоб*');
    expect(clauses(q)).toEqual([[w('кеңес')]]);
    expect(q.excluded).toEqual([w('жоба'), p('жоба', 'туралы'), w('жоб', true)]);
  });

  it('a hyphen inside or after a word is not an exclusion', () => {
    expect(words('Алматы-Астана a- b')).toEqual(['Алматы-Астана', 'a', 'b']);
    expect(parse('a -- b').excluded).toEqual([]);
    expect(parse('a --b').excluded).toEqual([w('b')]);
  });

  it('exclusions alone: empty, with a warning; lone minus signs: empty, no warning', () => {
    const q = parse('-жоба -"a b"');
    expect(q.isEmpty).toBe(true);
    expect(codes(q)).toEqual(['ONLY_EXCLUSIONS']);
    for (const input of ['-', '- - -', '---', '-*', '-"', '- "']) {
      const r = parse(input);
      expect(r.isEmpty, input).toBe(true);
      expect(r.warnings, input).toEqual([]);
    }
  });

  it('exclusions with a filter are a query', () => {
    const q = parse('kind:law -жоба');
    expect(q.isEmpty).toBe(false);
    expect(q.warnings).toEqual([]);
  });

  it('the word OR can be excluded', () => {
    expect(parse('a -OR').excluded).toEqual([w('OR')]);
  });

  it('prefix needs two letters before *', () => {
    expect(clauses(parse('кеңес* к* 1* 12* ab*** *'))).toEqual([[w('кеңес', true)], [w('к')], [w('1')], [w('12', true)], [w('ab', true)]]);
    expect(clauses(parse('OR*'))).toEqual([[w('OR', true)]]);
    expect(clauses(parse('ab*cd'))).toEqual([[w('ab', true)], [w('cd')]]);
  });
});

describe('kind:', () => {
  it('takes codes and every kk/ru/en label, in any case, in comma lists', () => {
    expect(parse('kind:бұйрық').filters.kinds).toEqual(['order']);
    expect(parse('kind:приказ').filters.kinds).toEqual(['order']);
    expect(parse('kind:Order').filters.kinds).toEqual(['order']);
    expect(parse('kind:ORDER,decision').filters.kinds).toEqual(['decision', 'order']);
    expect(parse('kind:"Баспасөз релизі" kind:пресс-релиз kind:press_release').filters.kinds).toEqual(['press_release']);
    expect(parse('kind:қағида').filters.kinds).toEqual(['regulation']);
    expect(parse('kind:отчет kind:отчёт').filters.kinds).toEqual(['report']);
  });

  it('every label of every kind resolves to that kind', () => {
    for (const code of KIND_CODES) {
      const labels = KIND_LABELS[code];
      for (const label of [code, labels.kk, labels.ru, labels.en, labels.ru.toUpperCase(), labels.kk.toLowerCase()]) {
        const q = parse(`kind:"${label}"`);
        expect(q.filters.kinds, label).toEqual([code]);
        expect(q.warnings, label).toEqual([]);
      }
    }
  });

  it('Kazakh labels typed on a Russian keyboard', () => {
    expect(parse('kind:буйрык').filters.kinds).toEqual(['order']);
  });

  it('unknown values: warning, the rest kept', () => {
    const q = parse('kind:order,xyz');
    expect(q.filters.kinds).toEqual(['order']);
    expect(codes(q)).toEqual(['BAD_FILTER_VALUE']);
    expect(q.warnings[0]?.detail).toContain('xyz');
  });
});

describe('lang:', () => {
  it('codes and aliases', () => {
    expect(parse('lang:kk').filters.langs).toEqual(['kk']);
    expect(parse('lang:ru,kk').filters.langs).toEqual(['kk', 'ru']);
    expect(parse('lang:қаз lang:каз lang:kaz').filters.langs).toEqual(['kk']);
    expect(parse('lang:рус,rus,EN,mixed').filters.langs).toEqual(['ru', 'en', 'mixed']);
    expect(parse('тіл:қазақ язык:русский').filters.langs).toEqual(['kk', 'ru']);
  });

  it('bad values warn', () => {
    const q = parse('lang:fr');
    expect(q.filters.langs).toEqual([]);
    expect(codes(q)).toEqual(['BAD_FILTER_VALUE']);
    expect(q.isEmpty).toBe(true);
  });
});

describe('year:, from:, to:', () => {
  it('a year, a range, open ranges', () => {
    expect(parse('year:2016').filters).toMatchObject({ yearFrom: 2016, yearTo: 2016 });
    expect(parse('year:2015-2017').filters).toMatchObject({ yearFrom: 2015, yearTo: 2017 });
    expect(parse('year:2015–2017').filters).toMatchObject({ yearFrom: 2015, yearTo: 2017 });
    expect(parse('year:2015..2017').filters).toMatchObject({ yearFrom: 2015, yearTo: 2017 });
    expect(parse('year:2015-').filters).toMatchObject({ yearFrom: 2015, yearTo: null });
    expect(parse('year:-2017').filters).toMatchObject({ yearFrom: null, yearTo: 2017 });
    expect(parse('жыл:2016 год:2018').filters).toMatchObject({ yearFrom: 2016, yearTo: 2018 });
    expect(parse('year:2015,2018').filters).toMatchObject({ yearFrom: 2015, yearTo: 2018 });
  });

  it('a year word after the year is accepted', () => {
    expect(parse('жыл:2016ж').filters).toMatchObject({ yearFrom: 2016, yearTo: 2016 });
    expect(parse('год:"2016 г."').filters).toMatchObject({ yearFrom: 2016, yearTo: 2016 });
    expect(parse('from:2015ж to:"2016 года"').filters).toMatchObject({ from: '2015-01-01', to: '2016-12-31' });
    expect(codes(parse('year:ж'))).toEqual(['BAD_FILTER_VALUE']);
  });

  it('a reversed range is swapped with a warning', () => {
    const q = parse('year:2017-2015');
    expect(q.filters).toMatchObject({ yearFrom: 2015, yearTo: 2017 });
    expect(codes(q)).toEqual(['DATES_SWAPPED']);
  });

  it('years outside 1900–2100 and junk are bad values', () => {
    for (const input of ['year:1899', 'year:2101', 'year:abc', 'year:16', 'year:2015-2017-2019', 'year:-', 'year:20161']) {
      const q = parse(input);
      expect(q.filters.yearFrom, input).toBeNull();
      expect(q.filters.yearTo, input).toBeNull();
      expect(codes(q), input).toEqual(['BAD_FILTER_VALUE']);
    }
  });

  it('from:/to: take a year, a month or a day, inclusive, as full ISO dates', () => {
    expect(parse('from:2016 to:2016').filters).toMatchObject({ from: '2016-01-01', to: '2016-12-31' });
    expect(parse('from:2016-02 to:2016-02').filters).toMatchObject({ from: '2016-02-01', to: '2016-02-29' });
    expect(parse('from:2015-02 to:2015-02').filters).toMatchObject({ from: '2015-02-01', to: '2015-02-28' });
    expect(parse('from:2016-3-5 to:2016-04-30').filters).toMatchObject({ from: '2016-03-05', to: '2016-04-30' });
    expect(parse('from:02.11.2015 to:11.2015').filters).toMatchObject({ from: '2015-11-02', to: '2015-11-30' });
    expect(parse('бастап:2015 дейін:2016').filters).toMatchObject({ from: '2015-01-01', to: '2016-12-31' });
    expect(parse('с:2015 по:2016-06').filters).toMatchObject({ from: '2015-01-01', to: '2016-06-30' });
  });

  it('from > to is swapped with a warning', () => {
    const q = parse('from:2017 to:2015');
    expect(q.filters).toMatchObject({ from: '2015-01-01', to: '2017-12-31' });
    expect(codes(q)).toEqual(['DATES_SWAPPED']);
    const r = parse('from:2016-05-10 to:2016-05-01');
    expect(r.filters).toMatchObject({ from: '2016-05-01', to: '2016-05-10' });
  });

  it('impossible dates are bad values', () => {
    for (const input of ['from:2015-02-29', 'to:2016-13', 'from:2016-00-10', 'to:1899', 'from:x', 'from:2016-02-30']) {
      const q = parse(input);
      expect(q.filters.from ?? q.filters.to, input).toBeNull();
      expect(codes(q), input).toEqual(['BAD_FILTER_VALUE']);
    }
  });

  it('repeated filters merge as a union', () => {
    expect(parse('year:2015 year:2017').filters).toMatchObject({ yearFrom: 2015, yearTo: 2017 });
    expect(parse('year:2015 year:-2010').filters).toMatchObject({ yearFrom: null, yearTo: 2015 });
    expect(parse('from:2016 from:2014 to:2015 to:2017-03').filters).toMatchObject({ from: '2014-01-01', to: '2017-03-31' });
  });
});

describe('issuer: and number:', () => {
  it('issuer: a word or a quoted value, whitespace collapsed, quotes dropped', () => {
    expect(parse('issuer:Минфин,').filters.issuers).toEqual(['Минфин']);
    expect(parse('issuer:"  Білім   және ғылым  " issuer:«ТОО "Самұрық"»').filters.issuers).toEqual([
      'Білім және ғылым',
      'ТОО Самұрық',
    ]);
    expect(parse('шығарған:мәслихат орган:маслихат').filters.issuers).toEqual(['мәслихат', 'маслихат']);
  });

  it('issuer: without a letter or digit is a bad value', () => {
    expect(codes(parse('issuer:"..."'))).toEqual(['BAD_FILTER_VALUE']);
  });

  it('number: bare or quoted, as keys', () => {
    expect(parse('number:383-V номер:"№ 6-38" нөмір:66').filters.numbers).toEqual(['383-v', '6-38', '66']);
    expect(codes(parse('number:№'))).toEqual(['BAD_FILTER_VALUE']);
  });
});

describe('filter names', () => {
  it('are case-insensitive, and Kazakh names also typed on a Russian keyboard', () => {
    expect(parse('KIND:law Lang:kk YEAR:2016').filters).toMatchObject({ kinds: ['law'], langs: ['kk'], yearFrom: 2016 });
    expect(parse('ТҮРІ:заң тил:ru номир:5').filters).toMatchObject({ kinds: ['law'], langs: ['ru'], numbers: ['5'] });
  });

  it('every documented alias works', () => {
    const values = { kind: 'law', lang: 'kk', year: '2016', from: '2016', to: '2016', issuer: 'x', number: '5' } as const;
    for (const [name, aliases] of Object.entries(FILTER_NAME_ALIASES)) {
      for (const alias of aliases) {
        const q = parse(`${alias}:${values[name as keyof typeof values]}`);
        expect(q.clauses, alias).toEqual([]);
        expect(q.isEmpty, alias).toBe(false);
      }
    }
  });

  it('need the value right after the colon; an empty value is ignored', () => {
    const q = parse('kind: law');
    expect(q.filters.kinds).toEqual([]);
    expect(clauses(q)).toEqual([[w('law')]]);
    expect(parse('kind: lang:""').isEmpty).toBe(true);
    expect(parse('kind:').warnings).toEqual([]);
  });

  it('Latin c: is not the Russian с: (Windows paths stay text)', () => {
    expect(words('C:\\Users\\x')).toEqual(['C', 'Users', 'x']);
  });

  it('trims punctuation around bare values', () => {
    expect(parse('(kind:law) [year:2016].').filters).toMatchObject({ kinds: ['law'], yearFrom: 2016 });
  });

  it('negated filters are dropped with a warning', () => {
    const q = parse('кеңес -kind:law NOT lang:kk');
    expect(q.filters.kinds).toEqual([]);
    expect(q.filters.langs).toEqual([]);
    expect(codes(q)).toEqual(['BAD_FILTER_VALUE', 'BAD_FILTER_VALUE']);
  });
});

describe('limits and hostile input', () => {
  it('caps words at 64 characters with a warning', () => {
    const q = parse(`${'ә'.repeat(100)} кеңес`);
    const [first] = clauses(q);
    expect(first?.[0]).toEqual(w('ә'.repeat(QUERY_LIMITS.maxWordLength)));
    expect(codes(q)).toEqual(['TOO_LONG']);
  });

  it('does not cut a surrogate pair or leave a trailing hyphen', () => {
    const q = parse(`${'𝐀'.repeat(70)} ${'a'.repeat(63)}-bbb`);
    const texts = clauses(q).map(([atom]) => (atom?.type === 'word' ? atom.text : ''));
    expect(texts).toEqual(['𝐀'.repeat(64), 'a'.repeat(63)]);
  });

  it('caps the number of terms at 32 with a warning', () => {
    const input = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const q = parse(input);
    expect(q.clauses).toHaveLength(QUERY_LIMITS.maxTerms);
    expect(codes(q)).toEqual(['TOO_MANY_TERMS']);
  });

  it('caps phrases at 16 words, and phrase words count as terms', () => {
    const long = (tag: string) => Array.from({ length: 20 }, (_, i) => `${tag}${i}`).join(' ');
    const q = parse(`"${long('a')}" "${long('b')}" "${long('c')}"`);
    expect(q.clauses.map((c) => (c.alternatives[0]?.type === 'phrase' ? c.alternatives[0].words.length : 0))).toEqual([16, 16]);
    expect(codes(q)).toContain('TOO_MANY_TERMS');
  });

  it('keeps filters that follow the term cap', () => {
    const input = `${Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ')} kind:law`;
    expect(parse(input).filters.kinds).toEqual(['law']);
  });

  it('cuts the input at 8192 characters with a warning', () => {
    const q = parse(`${' '.repeat(9000)}кеңес`);
    expect(q.isEmpty).toBe(true);
    expect(codes(q)).toEqual(['TOO_LONG']);
  });

  it('control characters, NUL, lone surrogates, RTL marks, emoji and combining marks', () => {
    expect(words('кеңес\u0000шешім\u0007заң\u001b[0m')).toEqual(['кеңес', 'шешім', 'заң', '0m']);
    expect(words('a\ud800b \udc00c')).toEqual(['a', 'b', 'c']);
    expect(words('\u202eкеңес\u202c \u200fзаң\u200e')).toEqual(['кеңес', 'заң']);
    expect(words('😀кеңес👨‍👩‍👧заң🇰🇿')).toEqual(['кеңес', 'заң']);
    expect(words('\u0301\u0301 a\u0301')).toEqual(['á']);
  });

  it('FTS5 syntax is only text', () => {
    const q = parse('NEAR(a b, 5) ^c {title body}: dd* AND e NOT f');
    expect(clauses(q)).toEqual([[w('NEAR')], [w('a')], [w('b')], [w('5')], [w('c')], [w('title')], [w('body')], [w('dd', true)], [w('e')]]);
    expect(q.excluded).toEqual([w('f')]);
  });

  it('empty and blank input', () => {
    for (const input of ['', ' ', '\t\n', ':', '^', '()', '[]', '*', '"', '""', '\u0000', '\ud800']) {
      const q = parse(input);
      expect(q.isEmpty, JSON.stringify(input)).toBe(true);
      expect(q.clauses).toEqual([]);
      expect(q.warnings).toEqual([]);
    }
  });

  it('never throws on non-strings from untyped callers', () => {
    for (const input of [undefined, null, 42, {}, ['a']]) {
      expect(() => parseQuery(input as unknown as string)).not.toThrow();
    }
  });
});

describe('describeQuery', () => {
  it('writes the canonical form', () => {
    const q = parse('  кеңес*   закон ИЛИ заң «қоғамдық кеңес» -жоба kind:приказ,law lang:рус from:2016-01 to:2016 year:2017-2015 number:"№ 383-V ҚРЗ" issuer:Минфин');
    expect(describeQuery(q)).toBe(
      'кеңес* закон OR заң "қоғамдық кеңес" -жоба kind:law,order lang:ru year:2015-2017 from:2016-01-01 to:2016-12-31 issuer:"Минфин" number:383-vkpз',
    );
  });

  it('quotes an operator word that is not excluded', () => {
    const q: ParsedQuery = { ...parse('x'), clauses: [{ alternatives: [w('OR')] }] };
    expect(describeQuery(q)).toBe('"OR"');
  });
});
