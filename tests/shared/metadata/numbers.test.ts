import { describe, expect, it } from 'vitest';
import { findNumbers, normaliseNumber } from '../../../shared/metadata';

const values = (text: string): string[] => findNumbers(text).map((n) => n.value);

describe('findNumbers', () => {
  it('reads the usual shapes of act numbers, without the № sign', () => {
    expect(values('№ 383-V ҚРЗ Заңы')).toEqual(['383-V ҚРЗ']);
    expect(values('от 2 ноября 2015 года № 383-V ЗРК.')).toEqual(['383-V ЗРК']);
    expect(values('№ 6-38')).toEqual(['6-38']);
    expect(values('N 66')).toEqual(['66']);
    expect(values('№110.')).toEqual(['110']);
    expect(values('No. 5')).toEqual(['5']);
    expect(values('№ 13/19 бұйрығымен')).toEqual(['13/19']);
    expect(values('№ 197-ФЗ')).toEqual(['197-ФЗ']);
    expect(values('№ KZ27LAA00028039')).toEqual(['KZ27LAA00028039']);
  });

  it('joins a sign and digits split over two lines', () => {
    expect(values('2018 жылғы 18 қазандағы №\n578 бұйрығына')).toEqual(['578']);
  });

  it('ignores table headers, blank fields and the letter N inside words', () => {
    expect(values('№ п/п Наименование')).toEqual([]);
    expect(values('№ _______ от «____» января 2023 года')).toEqual([]);
    expect(values('NATO, Nur-Sultan, UN 5')).toEqual([]);
  });

  it('stops at a dot that ends the sentence', () => {
    expect(values('№ 66.Зарегистрирован')).toEqual(['66']);
  });
});

describe('normaliseNumber', () => {
  it('strips the sign, trailing punctuation and extra spaces', () => {
    expect(normaliseNumber('№  383-V   ҚРЗ.')).toBe('383-V ҚРЗ');
    expect(normaliseNumber('N 66,')).toBe('66');
  });
});
