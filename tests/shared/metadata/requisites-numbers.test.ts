/**
 * A number is filed as printed (issue 12): a law's convocation numeral and its abbreviation are
 * capitals even when the file stores them in lower case under Word's small-caps formatting
 * (`№ 235-v зрк` shows as `№ 235-V ЗРК`).
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata, findNumbers, normaliseNumber } from '../../../shared/metadata';

describe('number case', () => {
  it('keeps a law number in capitals with its suffix', () => {
    expect(findNumbers('№ 235-v зрк').map((n) => n.value)).toEqual(['235-V ЗРК']);
    expect(normaliseNumber('№ 567-ii')).toBe('567-II');
    expect(normaliseNumber('№ 94-V')).toBe('94-V');
    // Other lower-case parts are the number's own: `360 н/қ`, `16-13-183Д/С`, `5-ө`.
    expect(normaliseNumber('№ 5-ө')).toBe('5-ө');
    expect(normaliseNumber('№ 12-вн')).toBe('12-вн');
  });

  it('reads the signature block of a code stored in small caps', () => {
    const body = 'Статья 1. Законодательство Республики Казахстан об административных правонарушениях основывается на Конституции.\n'.repeat(5);
    const result = detectMetadata({
      pages: [
        `КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН\nОБ АДМИНИСТРАТИВНЫХ ПРАВОНАРУШЕНИЯХ\n${body}` +
          'Президент\nРеспублики Казахстан\nН. Назарбаев\nАстана, Акорда, 5 июля 2014 года\n№ 235-v зрк',
      ],
    });
    expect(result.number).toBe('235-V ЗРК');
    expect(result.date).toBe('2014-07-05');
  });

  it('keeps the register index after an order number (№ 360 н/қ, № 12 л/с)', () => {
    expect(findNumbers('№ 360 н/қ бұйрығы').map((n) => n.value)).toEqual(['360 н/қ']);
    expect(findNumbers('Приказ № 12 л/с от 5 мая 2023 года').map((n) => n.value)).toEqual(['12 л/с']);
    // `и/о` opens the signer's title: `№ 5 и/о директора`.
    expect(findNumbers('№ 5 и/о директора').map((n) => n.value)).toEqual(['5']);
  });
});
