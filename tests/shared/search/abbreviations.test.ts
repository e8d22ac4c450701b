/**
 * Abbreviations and the kk ↔ ru dictionary as query providers (docs/ARCHITECTURE.md §6.3): what a
 * typed word or span offers, in the spellings secretaries type (any case, a Russian keyboard for
 * Kazakh letters, Latin look-alikes, a Kazakh ending after a hyphen, inflected full forms).
 */
import { describe, expect, it } from 'vitest';
import { ABBREVIATION_CONCEPTS, abbreviationAlternatives } from '../../../shared/search/abbreviations';
import type { AlternativeSource, SpanAlternatives } from '../../../shared/search/alternatives';
import { KK_RU_CONCEPTS, translationAlternatives } from '../../../shared/search/kk-ru-dictionary';
import { shortKey } from '../../../shared/search/phrase-table';

/** What the words offer, as `start-end` → "words:source" (the longest spans only, as the compiler keeps). */
function offers(spans: SpanAlternatives[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const span of spans) out[`${span.start}-${span.end}`] = span.alternatives.map((alternative) => `${alternative.words.join(' ')}:${alternative.source}`);
  return out;
}

function abbreviations(query: string): Record<string, string[]> {
  return offers(abbreviationAlternatives(query.split(' '), null));
}

function translations(query: string): Record<string, string[]> {
  return offers(translationAlternatives(query.split(' '), null));
}

const RK: Array<[string, AlternativeSource]> = [
  ['Қазақстан Республикасы', 'abbreviation'],
  ['РК', 'abbreviation'],
  ['Республика Казахстан', 'translation'],
];

describe('built-in abbreviations', () => {
  it('has the official abbreviations of ministries, bodies, law types, education, health and budget, both languages', () => {
    expect(ABBREVIATION_CONCEPTS.length).toBeGreaterThanOrEqual(100);
    const shorts = new Set(ABBREVIATION_CONCEPTS.flatMap((concept) => concept.forms.filter((form) => form.kind === 'short').map((form) => form.text)));
    for (const short of ['ҚР', 'РК', 'БҒМ', 'МОН', 'ЖОО', 'вуз', 'ТжКБ', 'ТиПО', 'НҚА', 'НПА', 'МИО', 'ЖАО', 'ҚРЗ', 'ЗРК', 'ПП РК', 'ТЖМ', 'МЧС', 'ДСМ', 'ІІМ', 'МВД', 'ҚМ', 'МФ', 'АШМ', 'МСХ', 'МСА', 'АЕК', 'МРП']) {
      expect(shorts, short).toContain(short);
    }
  });

  it('offers the full forms and the other language abbreviation for ҚР typed in any keyboard and case', () => {
    const expected = RK.map(([words, source]) => `${words}:${source}`);
    for (const typed of ['ҚР', 'КР', 'KP', 'ҚР-ның']) expect(abbreviations(typed), typed).toEqual({ '0-1': expected });
  });

  it('offers the abbreviations for an inflected full form in either language', () => {
    expect(abbreviations('Қазақстан Республикасының')['0-2']).toEqual(['ҚР:abbreviation', 'РК:abbreviation', 'Республика Казахстан:translation']);
    expect(abbreviations('Республики Казахстан')['0-2']).toEqual(['ҚР:abbreviation', 'Қазақстан Республикасы:translation', 'РК:abbreviation']);
    expect(abbreviations('Білім және ғылым министрлігінің')['0-4']).toContain('БҒМ:abbreviation');
    expect(abbreviations('Министерство образования и науки')['0-4']).toContain('МОН:abbreviation');
    expect(abbreviations('ҚР-ның Заңы')['0-2']).toContain('ЗРК:abbreviation');
    expect(abbreviations('высших учебных заведений')['0-3']).toEqual(['ЖОО:abbreviation', 'жоғары оқу орны:translation', 'вуз:abbreviation']);
  });

  it('reads БГМ, тжкб and вузов as the abbreviations they are', () => {
    expect(abbreviations('БГМ')['0-1']).toContain('Білім және ғылым министрлігі:abbreviation');
    expect(abbreviations('тжкб')['0-1']).toEqual(['техникалық және кәсіптік білім:abbreviation', 'ТиПО:abbreviation', 'техническое и профессиональное образование:translation']);
    expect(abbreviations('вузов')['0-1']).toContain('высшее учебное заведение:abbreviation');
    expect(abbreviations('ТиПО')['0-1']).toContain('ТжКБ:abbreviation');
    expect(abbreviations('НПА')['0-1']).toContain('НҚА:abbreviation');
    expect(abbreviations('МИО')['0-1']).toContain('ЖАО:abbreviation');
    expect(abbreviations('ЗРК')['0-1']).toContain('Қазақстан Республикасының Заңы:translation');
  });

  it('finds a short form of two words (ПП РК) as one span', () => {
    expect(abbreviations('ПП РК')['0-2']).toContain('Қазақстан Республикасы Үкіметінің қаулысы:translation');
  });

  it('leaves lower-case two-letter words alone: км is a kilometre, not ҚМ', () => {
    expect(abbreviations('км')).toEqual({});
    expect(abbreviations('рк')).toEqual({});
    expect(abbreviations('ҚМ')['0-1']).toContain('Қаржы министрлігі:abbreviation');
    // A three-letter abbreviation that is also a word counts in capitals only.
    expect(abbreviations('бақ')).toEqual({});
    expect(abbreviations('БАҚ')['0-1']).toContain('СМИ:abbreviation');
  });

  it('does not read ordinary words as abbreviations (тең is not ТЭН, маска is not МӘСҚ, казну is not КазНУ)', () => {
    for (const word of ['тең', 'тен', 'маска', 'круга', 'жоба', 'пока', 'ской', 'казну', 'жапа', 'симые']) expect(abbreviations(word), word).toEqual({});
    // Typed as abbreviations (two capitals at least), they are compared in the loose alphabet.
    expect(abbreviations('ТЭН')['0-1']).toContain('ТЭО:abbreviation');
    // An abbreviation written as a word is found declined.
    expect(abbreviations('Минздрава')['0-1']).toContain('Денсаулық сақтау министрлігі:translation');
  });

  it('offers every meaning of an ambiguous abbreviation, within a bound', () => {
    const offered = abbreviations('АПК')['0-1']!;
    expect(offered).toContain('Азаматтық процестік кодекс:abbreviation');
    expect(offered).toContain('агропромышленный комплекс:abbreviation');
    expect(offered.length).toBeLessThanOrEqual(12);
  });

  it('keys a short form by its letters in the loose alphabet', () => {
    expect(shortKey('ҚР БҒМ')).toBe('кр бгм');
    expect(shortKey('КР БГМ')).toBe('кр бгм');
    expect(shortKey('ТиПО')).toBe('типо');
  });
});

describe('kk ↔ ru dictionary of official vocabulary', () => {
  it('has a few hundred entries, none mapping a word to its own spelling', () => {
    expect(KK_RU_CONCEPTS.length).toBeGreaterThanOrEqual(250);
    expect(translations('маслихата')).toEqual({});
  });

  it('offers the other language for act kinds, bodies and legal terms, inflected', () => {
    expect(translations('решения')['0-1']).toEqual(['шешім:translation']);
    expect(translations('бұйрығы')['0-1']).toEqual(['приказ:translation']);
    expect(translations('общественного совета')['0-2']).toEqual(['қоғамдық кеңес:translation']);
    expect(translations('утратил силу')['0-2']).toEqual(['күші жойылды:translation']);
    expect(translations('сыбайлас жемқорлыққа қарсы іс-қимыл')['0-4']).toEqual(['противодействие коррупции:translation']);
    expect(translations('здравоохранения')['0-1']).toEqual(['денсаулық сақтау:translation']);
  });

  it('does not translate a word by a stem it only happens to share', () => {
    // күн "day" and құн "value" meet in the loose alphabet only.
    expect(translations('күні')['0-1']).toEqual(['день:translation', 'дата:translation']);
    // семи is seven, not семья; правил are rules, not право (a shorter shared stem).
    expect(translations('семи')).toEqual({});
    expect(translations('правил')['0-1']).not.toContain('құқық:translation');
  });
});
