import { describe, expect, it } from 'vitest';
import { analyze, analyzeQueryWord } from '../../../shared/search/analyzer';
import { kazakhLooseStem, looseForm, toLoose } from '../../../shared/search/loose';
import { normalizeWord } from '../../../shared/text/normalize';

const loose = (word: string) => kazakhLooseStem(normalizeWord(word));

describe('loose forms: Russian keyboard and Latin spellings meet the Kazakh word', () => {
  it('кеңес in every spelling has one loose form', () => {
    const target = loose('кеңес');
    expect(target).toBe('кенес');
    for (const word of ['кеңестер', 'кеңестердің', 'кеңесінің', 'КЕҢЕСТЕРДІҢ', 'кенес', 'кенестердин', 'keñes', 'kenes', 'keńes', 'keńesiniń', 'keńestiń', 'kenesterdin', 'keñesınıñ']) {
      expect(loose(word), word).toBe(target);
    }
  });

  it('qazaqstan respublikasy matches Қазақстан Республикасы', () => {
    const cyrillic = analyze('Қазақстан Республикасы', 'kk').map((t) => t.loose);
    for (const text of ['qazaqstan respublikasy', 'Qazaqstan Respýblıkasy', 'kazakhstan respublikasy', 'Qazaqstan Respublikasy', 'казакстан республикасы']) {
      const forms = analyze(text, 'kk').map((t) => t.loose);
      expect(forms[1], text).toBe(cyrillic[1]);
    }
    expect(analyze('qazaqstan', 'kk')[0]!.loose).toBe(cyrillic[0]);
    expect(analyze('Respýblıkasynyń', 'kk')[0]!.loose).toBe(cyrillic[1]);
  });

  it('real 2018-alphabet words from qz.inform.kz meet their Cyrillic forms', () => {
    const pairs: [string, string][] = [
      ['keńesiniń', 'кеңесінің'],
      ['respýblıkasynyń', 'Республикасының'],
      ['mınıstrliginiń', 'министрлігінің'],
      ['máslıhatynyń', 'мәслихатының'],
      ['oblysynda', 'облысында'],
      ['baǵdarlamasy', 'бағдарламасы'],
      ['jumystaryn', 'жұмыстарын'],
      ['sheshimin', 'шешімін'],
      ['zańnyń', 'заңның'],
      ['turǵyn', 'тұрғын'],
      ['baılanysty', 'байланысты'],
      ['halyqaralyq', 'халықаралық'],
    ];
    for (const [latin, cyrillic] of pairs) expect(loose(latin), latin).toBe(loose(cyrillic));
  });

  it('2021 alphabet and 2017 apostrophes land in the same space', () => {
    expect(loose('keñesi')).toBe(loose('кеңесі'));
    expect(loose('ūlttyq')).toBe(loose('ұлттық'));
    expect(loose('mäslihat')).toBe(loose('мәслихат'));
    expect(loose("qag'az")).toBe(loose('қағаз'));
    expect(loose("s'es'im")).toBe(loose('шешім'));
  });

  it('i and ı (and и, і, й) are one loose letter', () => {
    expect(toLoose('bilim')).toBe(toLoose('bılım'));
    expect(toLoose('білім')).toBe(toLoose('bilim'));
    expect(toLoose('й')).toBe(toLoose('и'));
  });

  it('folds Kazakh letters as a Russian keyboard types them', () => {
    expect(looseForm('әғқңөұүһі')).toBe('агкноухи');
    expect(looseForm('комиссия')).toBe(looseForm('komissiya'));
  });

  it('query words carry their loose forms', () => {
    expect(analyzeQueryWord('кенес').loose).toContain('кенес');
    expect(analyzeQueryWord('keñes').loose).toContain('кенес');
    expect(analyzeQueryWord('КЕҢЕСТЕРДІҢ').loose).toEqual(['кенес']);
  });
});
