/**
 * Requisites of scanned documents as tesseract reads them (issue 12): the sign `№` comes out as
 * `Ме`, `Мо`, `Хе`, `Ng`, `Jb` glued to or standing before the digits. Where a number sign belongs
 * (before or after a kind word, on a requisites line) the look-alike is the sign; elsewhere the
 * token is a word or an initial and is left alone. Fixtures are modelled on minutes and orders
 * of state enterprises as their scans read.
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata } from '../../../shared/metadata';
import { repairNumberSigns } from '../../../shared/metadata/prepare';

const KK_BODY =
  'Отырысқа кеңес мүшелері қатысты, кворум бар. Күн тәртібіндегі мәселелер бойынша баяндамашылар сөз сөйлеп, ' +
  'кеңес мүшелері ұсыныстар енгізді және олар талқыланып, дауысқа қойылды, көпшілік дауыспен қолдау тапты.';

describe("OCR's number sign", () => {
  it('reads «Ме6 ХАТТАМАСЫ» closing a minutes heading as № 6', () => {
    const result = detectMetadata({
      pages: [
        'Облыстық денсаулық сақтау басқармасының\n' +
          '«Облыстық тері-венерология диспансері»\n' +
          'кәсіпорнының Байқау кеңесі отырысының\n' +
          'Ме6 ХАТТАМАСЫ\n' +
          'Қызылорда қаласы 2023 жыл 28 қараша\n' +
          `Отырысты өткізу нысаны: жоспарлы\nКҮН ТӘРТІБІНДЕ:\n1. ${KK_BODY}\nТЫҢДАЛДЫ:\n${KK_BODY}`,
      ],
    });
    expect(result.kind).toBe('protocol');
    expect(result.number).toBe('6');
    expect(result.date).toBe('2023-11-28');
  });

  it('reads the sign after the kind word and on a requisites line', () => {
    expect(repairNumberSigns('ПРОТОКОЛ Мо 5')).toBe('ПРОТОКОЛ № 5');
    expect(repairNumberSigns('Ng1 хаттамасы')).toBe('№1 хаттамасы');
    expect(repairNumberSigns('25.01.2024 ж. Хе 33-05/01')).toBe('25.01.2024 ж. № 33-05/01');
    expect(repairNumberSigns('«02» маусым 2023 ж. Jb 14')).toBe('«02» маусым 2023 ж. № 14');
  });

  it('leaves words and initials alone where no number sign belongs', () => {
    // An initial before a house number, a word in running text, a lone М on a dated line.
    expect(repairNumberSigns('Директор М 5 жыл жұмыс істеді')).toBe('Директор М 5 жыл жұмыс істеді');
    expect(repairNumberSigns('Мекенжайы: Абай көшесі, Ме 12 үй')).toBe('Мекенжайы: Абай көшесі, Ме 12 үй');
    expect(repairNumberSigns('12.03.2024 М 5')).toBe('12.03.2024 М 5');
    const long = `${KK_BODY} Мо 5 ХАТТАМАСЫ ${KK_BODY}`;
    expect(repairNumberSigns(long)).toBe(long);
  });

  it('restores a sign OCR lost after a kind word (Протокол 5, протокол 23-29 от …)', () => {
    expect(repairNumberSigns('Протокол 5')).toBe('Протокол № 5');
    expect(repairNumberSigns('протокол 23-29 от 08.06.2023г.')).toBe('протокол № 23-29 от 08.06.2023г.');
    expect(repairNumberSigns('Протокол 2024')).toBe('Протокол 2024');
    expect(repairNumberSigns('решение 5 вопросов повестки')).toBe('решение 5 вопросов повестки');
    const result = detectMetadata({
      pages: [
        'Утверждено\nрешением заседания Правления\nАО «Энергия»\nпротокол 23-29 от 08.06.2023г.\nКОДЕКС ДЕЛОВОЙ ЭТИКИ\n' +
          'АКЦИОНЕРНОГО ОБЩЕСТВА «ЭНЕРГИЯ»\nг. Астана\nГлава 1. Ценности, принципы и нормы деловой этики',
      ],
    });
    expect(result.number).toBe('23-29');
    expect(result.date).toBe('2023-06-08');
  });
});

