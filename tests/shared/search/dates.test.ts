/**
 * Dates for search (shared/search/dates.ts): recognised in a token stream as the indexer and the
 * query see it, in Kazakh and Russian, every written form, to one index token.
 */
import { describe, expect, it } from 'vitest';
import { dateAlternatives, dateToken, findDateSpans, isoDate, monthOf } from '../../../shared/search/dates';
import { findNumberSpans } from '../../../shared/search/numbers';
import { tokenize } from '../../../shared/search/tokenize';

/** The dates of a text, each with the text it was read from. */
function datesOf(text: string): Array<[string, string]> {
  const tokens = tokenize(text);
  const spans = findDateSpans({ text, exact: tokens.map((t) => t.text), starts: tokens.map((t) => t.start), ends: tokens.map((t) => t.end) });
  return spans.map((span) => [span.iso, text.slice(tokens[span.first]!.start, tokens[span.last]!.end)]);
}

describe('findDateSpans', () => {
  it('reads numeric dates with dots, slashes or dashes, day first or year first', () => {
    for (const text of ['10.03.2017', '10/03/2017', '10-03-2017', '2017-03-10', '2017.03.10', '2017/03/10', '10 . 03 . 2017', '10.3.2017', '10.03.2017г', '10.03.17 ж.', '10.03.17г.', '10.03.17 года']) {
      expect(datesOf(text).map(([iso]) => iso), text).toEqual(['2017-03-10']);
    }
  });

  it('reads dates with the month in words, Kazakh and Russian, any case and inflection', () => {
    const cases: Array<[string, string]> = [
      ['от 10 марта 2017 года', '2017-03-10'],
      ['10 март 2017 г.', '2017-03-10'],
      ['10 МАРТА 2017', '2017-03-10'],
      ['2017 жылғы 10 наурыздағы № 5 шешім', '2017-03-10'],
      ['2017 жылғы 10 НАУРЫЗ', '2017-03-10'],
      ['2017 ж. «10» наурыз', '2017-03-10'],
      ['«21» қаңтар 2019 жыл', '2019-01-21'],
      ['2014 жылғы 7-сәуірдегі', '2014-04-07'],
      ['15-наурыз 2023 жыл', '2023-03-15'],
      ['«15» __наурыз__ 2023 ж.', '2023-03-15'],
      ['2018 жылдың 28-29 мамырында', '2018-05-28'],
      ['27 декабря 2017 года', '2017-12-27'],
      ['1 мая 2020', '2020-05-01'],
      ['2015 жылғы 2 қарашадағы', '2015-11-02'],
      ['2019 жылғы 30 желтоқсандағы', '2019-12-30'],
      ['2023 жылғы 14 қыркүйектегі', '2023-09-14'],
      ['5 шілде 2021', '2021-07-05'],
      ['10 naýryz 2017', '2017-03-10'],
      ['2017 jylǵy 10 naýryzdaǵy', '2017-03-10'],
      ['10 kenes 2017', ''],
    ];
    for (const [text, iso] of cases) expect(datesOf(text).map(([found]) => found).join(), text).toBe(iso);
  });

  it('finds several dates in running text, with what each was read from', () => {
    expect(datesOf('Алматы облыстық мәслихатының 2018 жылғы 13 қарашадағы № 37-204 шешімі, от 14 сентября 2023 года № 6-38, 02.11.2015 г.')).toEqual([
      ['2018-11-13', '2018 жылғы 13 қарашадағы'],
      ['2023-09-14', '14 сентября 2023'],
      ['2015-11-02', '02.11.2015'],
    ]);
  });

  it('is no date: a bare year, a month and a year, a day and a month, impossible days, section numbers, mixed separators', () => {
    for (const text of ['2017', 'март 2017', '10 марта', '10.03', '31.02.2017', '29.02.2019', '32.01.2017', '10.13.2017', '1.2.3', '10.03/2017', '10 03 2017', '10.03.17', '10 майора 2017', '2017 жылы 5 адам']) {
      expect(datesOf(text), text).toEqual([]);
    }
    expect(datesOf('29.02.2020').map(([iso]) => iso)).toEqual(['2020-02-29']);
  });
});

describe('the indexer\'s shortcut', () => {
  it('visiting only the tokens that start with an ASCII character finds the same dates and codes', () => {
    const text = 'Алматы облыстық мәслихатының 2018 жылғы 13 қарашадағы № 37-204, № 6/38, KZ27 LAA 0002 8039, 02.11.2015 г., 163 н/қ, 10 naýryz 2017, от 7 апреля 2014 года';
    const tokens = tokenize(text);
    const stream = { text, exact: tokens.map((t) => t.text), starts: tokens.map((t) => t.start), ends: tokens.map((t) => t.end) };
    const ascii = stream.exact.flatMap((token, i) => (token.charCodeAt(0) < 0x80 ? [i] : []));
    expect(findDateSpans({ ...stream, ascii })).toEqual(findDateSpans(stream));
    expect(findDateSpans(stream)).toHaveLength(4);
    expect(findNumberSpans({ ...stream, ascii })).toEqual(findNumberSpans(stream));
    expect(findNumberSpans(stream)).toHaveLength(4);
  });
});

describe('monthOf, isoDate, dateToken', () => {
  it('names months in both languages and scripts', () => {
    expect(['қаңтар', 'январь', 'января', 'ақпан', 'февраля', 'наурыздағы', 'марта', 'сәуір', 'апреля', 'мамыр', 'мая', 'май', 'маусым', 'июня', 'шілде', 'июля', 'тамыз', 'августа', 'қыркүйек', 'сентября', 'қазан', 'октября', 'қараша', 'ноября', 'желтоқсан', 'декабря'].map(monthOf)).toEqual([
      1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
    ]);
    expect(['qańtar', 'aqpan', 'sáýir', 'shilde', 'qyrkúiek', 'jeltoqsan', 'кантар', 'желтоксан'].map(monthOf)).toEqual([1, 2, 4, 7, 9, 12, 1, 12]);
    expect(['майор', 'маслихат', 'кеңес', 'ма'].map(monthOf)).toEqual([0, 0, 0, 0]);
  });

  it('validates calendar days and writes an index-safe token', () => {
    expect(isoDate(2017, 3, 10)).toBe('2017-03-10');
    expect(isoDate(2017, 2, 29)).toBeNull();
    expect(isoDate(1850, 1, 1)).toBeNull();
    expect(dateToken('2017-03-10')).toBe('dt20170310');
    expect(dateToken('2017-03-10')).toMatch(/^[a-z0-9]+$/);
  });
});

describe('dateAlternatives (query provider)', () => {
  const spansOf = (words: Array<string | null>): Array<[number, number, string[]]> =>
    dateAlternatives(words, null).map((span) => [span.start, span.end, span.alternatives.flatMap((a) => a.tokens ?? [])]);

  it('offers the date token for the words that typed a date, with a year word after it', () => {
    expect(spansOf(['10.03.2017'])).toEqual([[0, 1, ['dt20170310']]]);
    expect(spansOf(['решение', '10', 'марта', '2017', 'года', 'кеңес'])).toEqual([[1, 5, ['dt20170310']]]);
    expect(spansOf(['2017', 'жылғы', '10', 'наурыз'])).toEqual([[0, 4, ['dt20170310']]]);
    expect(spansOf(['2017-03-10', 'шешім'])).toEqual([[0, 1, ['dt20170310']]]);
    for (const alternative of dateAlternatives(['10.03.2017'], null)[0]!.alternatives) expect(alternative.source).toBe('date');
  });

  it('never crosses a phrase or OR group, and offers nothing for a year alone', () => {
    expect(spansOf(['10', 'марта', null, '2017'])).toEqual([]);
    expect(spansOf(['2017'])).toEqual([]);
    expect(spansOf(['2017', 'жыл'])).toEqual([]);
    expect(spansOf([])).toEqual([]);
  });
});
