/**
 * Dates as blanks are filled in and typed (issue 12): a Kazakh day with a hyphen
 * (`15-наурыз 2023 жыл`), a day written over the blank's underscores (`«15»_наурыз_2023 ж`), the
 * month in digits after a quoted day (`«28» 08 2020 ж.`), a two-digit year with its year word
 * (`15.03.23 ж.`); and what must stay no date (a blank day, section numbers, a bare `12.05.23`).
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata, findDates } from '../../../shared/metadata';

const dates = (text: string): string[] => findDates(text).map((d) => d.iso);

describe('dates on blanks', () => {
  it('reads the forms a filled-in blank takes', () => {
    expect(dates('15-наурыз 2023 жыл')).toEqual(['2023-03-15']);
    expect(dates('«15»__наурыз__2023 ж.')).toEqual(['2023-03-15']);
    expect(dates('«28» 08 2020 ж.')).toEqual(['2020-08-28']);
    expect(dates('«15» 03. 2023 г.')).toEqual(['2023-03-15']);
    expect(dates('15.03.23 ж. № 45')).toEqual(['2023-03-15']);
    expect(dates('от 12.05.23г.')).toEqual(['2023-05-12']);
  });

  it('takes no date from a blank day, section numbers or a short year without its word', () => {
    expect(dates('«__» июля 2023 г.')).toEqual([]);
    expect(dates('п. 1.2.3 г) пункта')).toEqual([]);
    expect(dates('таблица 12.05.23 строка')).toEqual([]);
    expect(dates('в 10.11.12 годах')).toEqual([]);
  });

  it('dates an approved plan by the day written on its approval stamp', () => {
    const result = detectMetadata({
      pages: [
        'БЕКІТЕМІН\nМектеп директоры\n_________ А.Б. Сейтова\n«02»__маусым__2023 ж.\n\n' +
          '2023-2024 оқу жылына арналған\nжұмыс жоспары\n1. Ұйымдастыру жұмыстары\n2. Әдістемелік жұмыс',
      ],
    });
    expect(result.kind).toBe('plan');
    expect(result.date).toBe('2023-06-02');
  });

  it('takes the adoption requisites of a code, not the amending law of an editorial note with a short-year date', () => {
    const article = 'Статья 1. Гражданское законодательство регулирует имущественные и связанные с ними личные неимущественные отношения.\n';
    const result = detectMetadata({
      pages: [
        'ГРАЖДАНСКИЙ КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН\n(ОСОБЕННАЯ ЧАСТЬ)\n' +
          'Кодекс дополнен оглавлением в соответствии с Законом РК от 25.03.11 г. № 421-IV; внесены изменения\n' +
          `${article.repeat(6)}Президент\nРеспублики Казахстан\nАстана, 1 июля 1999 года\n№ 409-I`,
      ],
    });
    expect(result.number).toBe('409-I');
    expect(result.date).toBe('1999-07-01');
  });
});

