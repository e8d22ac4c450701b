/**
 * Document and registration numbers for search (shared/search/numbers.ts): one normal form for
 * the ways a number is written, in the index and in the query.
 */
import { describe, expect, it } from 'vitest';
import { findNumberSpans, numberAlternatives, numberToken } from '../../../shared/search/numbers';
import { tokenize } from '../../../shared/search/tokenize';

function codesOf(text: string): Array<[string, string]> {
  const tokens = tokenize(text);
  const spans = findNumberSpans({ text, exact: tokens.map((t) => t.text), starts: tokens.map((t) => t.start), ends: tokens.map((t) => t.end) });
  return spans.map((span) => [span.token, text.slice(tokens[span.first]!.start, tokens[span.last]!.end)]);
}

describe('numberToken', () => {
  it('gives one token for the spellings of one number', () => {
    for (const text of ['6-38', '№ 6-38', '№6-38', '6/38', 'N6-38', 'N 6-38', 'No 6-38', '6\u201038', '6\u201338']) expect(numberToken(text), text).toBe('nr6-38');
    for (const text of ['204-VI', '204-ВІ', '204-vi', '204-VІ']) expect(numberToken(text), text).toBe('nr204-vi');
    expect(numberToken('KZ27LAA00028039')).toBe('nrkz27laa00028039');
    expect(numberToken('951240000797')).toBe('nr951240000797');
  });

  it('gives none for plain numbers and words', () => {
    for (const text of ['2017', '5', '№ 5', 'кеңес', '100', '']) expect(numberToken(text), text).toBeNull();
  });

  it('keeps different numbers apart', () => {
    expect(numberToken('6-380')).not.toBe(numberToken('6-38'));
    expect(numberToken('37-20')).not.toBe(numberToken('37-204'));
  });
});

describe('findNumberSpans (indexing)', () => {
  it('finds codes in running text, a Kazakh suffix after a hyphen left off', () => {
    expect(codesOf('№ 6-38 шешімі, N30-2, 6/38, 6–38, № 204-VI ЗРК, 2015-ке, 1-ші, 6-38-ші, № KZ27LAA00028039, KZ27 LAA 0002 8039, БСН 951240000797')).toEqual([
      ['nr6-38', '6-38'],
      ['nr30-2', 'N30-2'],
      ['nr6-38', '6/38'],
      ['nr6-38', '6–38'],
      ['nr204-vi', '204-VI'],
      ['nr6-38', '6-38-ші'],
      ['nrkz27laa00028039', 'KZ27LAA00028039'],
      ['nrkz27laa00028039', 'KZ27 LAA 0002 8039'],
      ['nr951240000797', '951240000797'],
    ]);
  });

  it('reads a licence printed in capitals and digit groups, and an order number with its register index', () => {
    expect(codesOf('Лицензия 25.10.2018 года 0000055 DX берілді')).toEqual([['nr0000055dx', '0000055 DX']]);
    expect(codesOf('бұйрық № 163 н/қ, приказ № 12 л/с')).toEqual([
      ['nr163-hk', '163 н/қ'],
      ['nr12-лc', '12 л/с'],
    ]);
    // Running Latin text is no code; `и/о` (acting) is no register index.
    expect(codesOf('in 2017 the board met; 5 и/о директора')).toEqual([]);
  });

  it('writes nothing for plain numbers, amounts and years', () => {
    expect(codesOf('2017 жылы 100 000 теңге, 5 адам, 14-бабы 1-тармағының 5) тармақшасы')).toEqual([]);
  });
});

describe('numberAlternatives (query provider)', () => {
  const spansOf = (words: Array<string | null>): Array<[number, number, string[]]> =>
    numberAlternatives(words, null).map((span) => [span.start, span.end, span.alternatives.flatMap((a) => a.tokens ?? [])]);

  it('offers the normal form, with a number sign before and a type suffix after', () => {
    expect(spansOf(['6/38'])).toEqual([[0, 1, ['nr6-38']]]);
    expect(spansOf(['N', '30-2'])).toEqual([[0, 2, ['nr30-2']]]);
    expect(spansOf(['закон', '204-VI', 'ҚРЗ'])).toEqual([[1, 3, ['nr204-vi']]]);
    expect(spansOf(['KZ27', 'LAA', '0002', '8039'])).toEqual([[0, 4, ['nrkz27laa00028039']]]);
    expect(spansOf(['9512', '4000', '0797'])).toEqual([[0, 3, ['nr951240000797']]]);
  });

  it('reads a grouped licence and a register index typed in any case or without its slash', () => {
    expect(spansOf(['лицензия', '0000055', 'dx'])).toEqual([[1, 3, ['nr0000055dx']]]);
    expect(spansOf(['приказ', '163', 'нк'])).toEqual([[1, 3, ['nr163-hk']]]);
    expect(spansOf(['163', 'н/қ'])).toEqual([[0, 2, ['nr163-hk']]]);
  });

  it('also offers the usual spelling as a word, so snippets can mark it', () => {
    expect(numberAlternatives(['6/38'], null)[0]!.alternatives).toEqual([
      { words: [], tokens: ['nr6-38'], source: 'number' },
      { words: ['6-38'], source: 'number' },
    ]);
  });

  it('offers nothing for plain numbers', () => {
    expect(spansOf(['приказ', '5'])).toEqual([]);
    expect(spansOf(['2017'])).toEqual([]);
    expect(spansOf(['2017', '2018'])).toEqual([]);
  });
});
