import { describe, expect, it } from 'vitest';
import { stemKazakh } from '../../../shared/search/kazakh-stemmer';

/** Every word of the group has the same stem, and it is `stem`. */
function expectGroup(stem: string, words: string[]): void {
  for (const word of words) expect(stemKazakh(word), word).toBe(stem);
}

describe('stemKazakh: inflected forms of one word meet (real words from the corpus)', () => {
  it('кеңес: plural, genitive, possessive, dative, locative, ablative', () => {
    expectGroup('кеңес', ['кеңес', 'кеңестер', 'кеңестердің', 'кеңесінің', 'кеңеске', 'кеңесте', 'кеңестен', 'кеңесі', 'кеңесін', 'кеңесіне', 'кеңесінде']);
  });

  it('Республикасы in its cases meets the bare word', () => {
    expectGroup('республика', ['республика', 'республикасы', 'республикасында', 'республикасының', 'республикасындағы', 'республикасымен', 'республикаға']);
  });

  it('the words of the brief', () => {
    expect(stemKazakh('органдардың')).toBe('орган');
    expect(stemKazakh('тұрғындарының')).toBe('тұрғын');
    expect(stemKazakh('бағдарламаларды')).toBe('бағдарлама');
    expect(stemKazakh('министрлігінде')).toBe('министрлік');
    expect(stemKazakh('заңнамасына')).toBe('заңнама');
    expect(stemKazakh('мәслихатының')).toBe('мәслихат');
    expectGroup('шешім', ['шешім', 'шешімі', 'шешімімен', 'шешімнің', 'шешімін', 'шешімдер', 'шешімдерінің']);
    expectGroup('облыс', ['облыс', 'облысы', 'облысының', 'облысында', 'облыстың', 'облыстағы']);
  });

  it('keeps derivational suffixes: облыстық and қоғамдық are their own stems', () => {
    expect(stemKazakh('облыстық')).toBe('облыстық');
    expect(stemKazakh('қоғамдық')).toBe('қоғамдық');
    expect(stemKazakh('аудандық')).toBe('аудандық');
    expect(stemKazakh('басшы')).toBe('басшы');
    expect(stemKazakh('басшысы')).toBe('басшы');
    expect(stemKazakh('бірінші')).toBe('бірінші');
  });

  it('undoes final-consonant voicing', () => {
    expect(stemKazakh('кітабы')).toBe('кітап');
    expect(stemKazakh('кітап')).toBe('кітап');
    expect(stemKazakh('жүрегі')).toBe('жүрек');
    expect(stemKazakh('тарағы')).toBe('тарақ');
    expect(stemKazakh('министрлігі')).toBe('министрлік');
    expect(stemKazakh('мектебінің')).toBe('мектеп');
    expect(stemKazakh('орталығында')).toBe('орталық');
  });

  it('restores vowels dropped before a suffix', () => {
    expect(stemKazakh('халқы')).toBe('халық');
    expect(stemKazakh('халқымыздың')).toBe('халық');
    expect(stemKazakh('орнына')).toBe('орын');
  });

  it('resolves where the root ends: кеңес+і vs мәселе+сі, аудан+ы vs қала+ны', () => {
    expectGroup('мәселе', ['мәселе', 'мәселесі', 'мәселені', 'мәселелері', 'мәселесін']);
    expectGroup('аудан', ['аудан', 'ауданы', 'ауданының', 'аудандарында', 'ауданда']);
    expectGroup('қала', ['қала', 'қаласы', 'қаланы', 'қаласында', 'қалалар']);
    expectGroup('қаулы', ['қаулы', 'қаулысы', 'қаулыны', 'қаулылар']);
    expectGroup('жұмыс', ['жұмыс', 'жұмысы', 'жұмыстары', 'жұмысын', 'жұмысқа']);
    expectGroup('жыл', ['жыл', 'жылы', 'жылдың', 'жылға', 'жылдары']);
    expectGroup('ел', ['ел', 'еліміздің', 'елдің', 'елге']);
  });

  it('does not destroy short words, function words and roots that end like a suffix', () => {
    for (const word of ['мен', 'және', 'бен', 'да', 'де', 'осы', 'бұл', 'ол', 'бойынша', 'туралы', 'үшін', 'жаңа', 'жылғы', 'теңге', 'маңыз', 'бағдарлама', 'хаттама', 'қазақстан']) {
      expect(stemKazakh(word), word).toBe(word);
    }
    expect(stemKazakh('қазақстанның')).toBe('қазақстан');
    expect(stemKazakh('теңгеден')).toBe('теңге');
  });

  it('a bare word that ends like a suffix meets its own inflections (төраға, қосымша, телнұсқа)', () => {
    expectGroup('төраға', ['төраға', 'төрағасы', 'төрағасының', 'төрағаға']);
    expectGroup('қосымша', ['қосымша', 'қосымшасы', 'қосымшаға', 'қосымшалар']);
    expectGroup('телнұсқа', ['телнұсқа', 'телнұсқасы', 'телнұсқасын']);
    expectGroup('баға', ['баға', 'бағасы', 'бағалар']);
    expectGroup('кесте', ['кесте', 'кестесі', 'кестеге']);
    // The case suffixes themselves are still taken off other words.
    expect(stemKazakh('мектепке')).toBe('мектеп');
    expect(stemKazakh('қалаға')).toBe('қала');
  });

  it('never returns an empty stem', () => {
    for (const word of ['а', 'е', 'ны', 'дың', 'лар', 'ның', 'сы', 'ы', 'мен', 'дағы', 'нда', 'ғы', 'ша']) {
      expect(stemKazakh(word).length, word).toBeGreaterThan(0);
    }
  });
});
