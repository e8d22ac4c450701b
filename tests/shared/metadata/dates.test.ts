import { describe, expect, it } from 'vitest';
import { findDates, toIsoDate } from '../../../shared/metadata';

const isoDates = (text: string): string[] => findDates(text).map((d) => d.iso);

describe('findDates', () => {
  it('reads Kazakh dates with the year first and the month inflected', () => {
    expect(isoDates('2015 жылғы 2 қарашадағы № 383-V ҚРЗ')).toEqual(['2015-11-02']);
    expect(isoDates('АТЫРАУ, 2016 жылғы 10 маусым –')).toEqual(['2016-06-10']);
    expect(isoDates('2017 жылғы 10 наурыздағы № 110 бұйрығы')).toEqual(['2017-03-10']);
    expect(isoDates('2016 жылы 16 наурызда № 13487 болып тіркелді')).toEqual(['2016-03-16']);
    expect(isoDates('2017 ЖЫЛДЫҢ 22 ЖЕЛТОҚСАНЫНДА ЕҢБЕКШІҚАЗАҚ')).toEqual(['2017-12-22']);
  });

  it('reads Kazakh variants: a hyphen before the month, the day in quotes, a range of days', () => {
    expect(isoDates('мәслихаттың 2014 жылғы 7-сәуірдегі № 30-2 шешімі')).toEqual(['2014-04-07']);
    expect(isoDates('2019 жылғы «13» наурыздағы № 43-108')).toEqual(['2019-03-13']);
    expect(isoDates('2018 жылдың 28-29 мамырында')).toEqual(['2018-05-28']);
    expect(isoDates('«21» қаңтар 2019 жыл')).toEqual(['2019-01-21']);
  });

  it('reads Russian dates in the genitive and the nominative', () => {
    expect(isoDates('от 2 ноября 2015 года № 383-V ЗРК')).toEqual(['2015-11-02']);
    expect(isoDates('№ 22-22 от «23» июня 2022 года')).toEqual(['2022-06-23']);
    expect(isoDates('«29» июня 2023 г.')).toEqual(['2023-06-29']);
    expect(isoDates('29 ноябрь 2018 год')).toEqual(['2018-11-29']);
    expect(isoDates('22 ДЕКАБРЯ 2017 ГОДА СОСТОЯЛАСЬ')).toEqual(['2017-12-22']);
  });

  it('reads numeric dates day first, and ISO dates', () => {
    expect(isoDates('02.11.2015')).toEqual(['2015-11-02']);
    expect(isoDates('09/06/2016')).toEqual(['2016-06-09']);
    expect(isoDates('протокол № 23-29 от 08.06.2023г.')).toEqual(['2023-06-08']);
    expect(isoDates('2023-06-29')).toEqual(['2023-06-29']);
  });

  it('reads English dates', () => {
    expect(isoDates('on 2 November 2015')).toEqual(['2015-11-02']);
    expect(isoDates('on November 2, 2015')).toEqual(['2015-11-02']);
  });

  it('rejects days that do not exist and years outside 1990–2100', () => {
    expect(isoDates('31.02.2020')).toEqual([]);
    expect(isoDates('30 февраля 2021 года')).toEqual([]);
    expect(isoDates('29.02.2023')).toEqual([]);
    expect(isoDates('29.02.2024')).toEqual(['2024-02-29']);
    expect(isoDates('1961 жылы 4 қарашада')).toEqual([]);
    expect(isoDates('12.13.2020')).toEqual([]);
    expect(toIsoDate(2200, 1, 1)).toBeNull();
  });

  it('does not take numbers, amounts or periods for dates', () => {
    expect(isoDates('2 844,4 Гкал/час, 16,130,203.7 тыс. тенге')).toEqual([]);
    expect(isoDates('2018-2020 жылдарға арналған бюджет')).toEqual([]);
    expect(isoDates('2018 жылдың тамыз айындағы кезеңде')).toEqual([]);
  });

  it('reads numeric dates with a stray space beside a separator, as typed and OCR’d stamps have them', () => {
    expect(isoDates('Бұйрық № 11\n09 .09.2025ж')).toEqual(['2025-09-09']);
    expect(isoDates('от 12. 03.2024 года')).toEqual(['2024-03-12']);
  });

  it('gives positions, in order', () => {
    const text = 'с 1 января 2022 года по 1 июня 2023 года';
    const found = findDates(text);
    expect(found.map((d) => d.iso)).toEqual(['2022-01-01', '2023-06-01']);
    expect(text.slice(found[0]?.index, found[0]?.end)).toBe('1 января 2022');
  });
});
