import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../electron/core/ingest/extract/pdf';
import { isGarbledText, measureTextQuality } from '../../../electron/core/ingest/extract/text-quality';
import { CORPUS_DIR, hasCorpus } from '../../helpers/temp-dir';

describe('garbage text layers', () => {
  it('flags Cyrillic that came out as Latin look-alikes and symbols', () => {
    const mojibake =
      'ENerorHufi orqer o Aetrenb\'ocrr4 Ao <Acrasa-oHeprur) [o [peAocraBJrerr yrBgpxIeHHoft rononofi KoMMyHaIIbHoro xossficrna ropoAa H 3aroua KoropbrM B coorBercrBlrr.r c nyHKroM 7 o6reu oKa3a\'Hbrx ycJryr rlo nporr3BoAcrBy renroeofi gHepruu';
    expect(measureTextQuality(mojibake).mangled).toBeGreaterThan(0.35);
    expect(isGarbledText(mojibake)).toBe(true);
  });

  it('keeps real Russian, Kazakh, English and Kazakh-Latin text, tables and numbers', () => {
    const samples = [
      'Протокол № 5 совещания по вопросам предупреждения коррупционных правонарушений в АО «Астана-Энергия» г. Астана 29 июня 2023 года. 1. Принять к сведению информацию комплаенс-офицера о проводимой работе.',
      'Қазақстан Республикасы Білім және ғылым министрінің 2017 жылғы 10 наурыздағы № 110 бұйрығы. Білім беру ұйымдарында білім алушыларға академиялық демалыстар беру қағидаларын бекіту туралы.',
      'The annotation guidelines describe the named entity classes of the Kazakh corpus and the rules for marking them in the text.',
      'Qazaqstan Respublikasynyń Konstitýtsııasy. Adam jáne azamat quqyqtary men bostandyqtary boiynsha osy bap qoldanylady.',
      '1 | 2020 | 3 845,6 | 2 580,54 | тыс. Гкал | 10кВ | 1-й | ТЭЦ-2 | 2020г. | 204-VI',
      'iPhone McDonald',
    ];
    for (const text of samples) expect(isGarbledText(text), text).toBe(false);
  });

  it.skipIf(!hasCorpus)('catches every page of the corpus PDF with a broken text layer and no page of the others', async () => {
    const dir = path.join(CORPUS_DIR, 'pdf');
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.pdf'))) {
      const document = await extractPdf(fs.readFileSync(path.join(dir, file)));
      const garbled = document.pages.filter((page) => page.text.length > 0 && isGarbledText(page.text)).length;
      if (file.includes('BROKEN-TEXT-LAYER')) {
        expect(garbled, file).toBe(document.pages.length);
        expect(document.pages.every((page) => page.needsOcr)).toBe(true);
      } else {
        expect(garbled, file).toBe(0);
      }
    }
  }, 120_000);
});
