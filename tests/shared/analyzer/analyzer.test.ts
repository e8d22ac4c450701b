import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, analyzeQueryWord, ANALYZER_VERSION } from '../../../shared/search/analyzer';
import { stemRussian } from '../../../shared/search/snowball';
import { tokenize } from '../../../shared/search/tokenize';
import { normalizeText, normalizeWord, repairHomoglyphs } from '../../../shared/text/normalize';

/** A deterministic pseudo-random generator (tests must not flake). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('analyze: three forms per token', () => {
  it('has a version string', () => {
    expect(ANALYZER_VERSION).toMatch(/\S/);
  });

  it('Russian words get Snowball stems', () => {
    const stems = ['закон', 'законов', 'законами', 'закона'].map((w) => analyze(w, 'ru')[0]!.stem);
    expect(new Set(stems).size).toBe(1);
    expect(stemRussian('решения')).toBe(stemRussian('решение'));
    expect(analyze('общественного совета', 'ru').map((t) => t.stem)).toEqual([stemRussian('общественный'), stemRussian('совет')]);
  });

  it('picks the stemmer per word: Kazakh letters → Kazakh, endings and hint for the rest', () => {
    // a Kazakh word in a Russian document still gets the Kazakh stemmer
    expect(analyze('кеңестердің', 'ru')[0]!.stem).toBe('кеңес');
    // no Kazakh letters: the hint decides, strong endings override it
    expect(analyze('облысы', 'kk')[0]!.stem).toBe('облыс');
    expect(analyze('законами', 'kk')[0]!.stem).toBe(stemRussian('законами'));
    expect(analyze('республикасы', null)[0]!.stem).toBe('республика');
    // English words get Porter
    expect(analyze('councils', 'en')[0]!.stem).toBe('council');
  });

  it('repairs Latin look-alikes inside Kazakh words', () => {
    const [latinI] = analyze('әлеуметтiк', 'kk');
    const [cyrillicI] = analyze('әлеуметтік', 'kk');
    expect(latinI).toMatchObject({ exact: cyrillicI!.exact, stem: cyrillicI!.stem, loose: cyrillicI!.loose });
    expect(normalizeWord('Кеңeс')).toBe('кеңес'); // Latin e
    expect(normalizeWord('бiрiншi')).toBe('бірінші');
    expect(normalizeWord('Kazinfоrm')).toBe('kazinform'); // Cyrillic о in a Latin word
    expect(normalizeWord('ӘЛЕУМЕТТIК')).toBe('әлеуметтік');
    expect(normalizeWord('Ѳ')).toBe('ѳ');
    expect(repairHomoglyphs('iсi')).toBe('ісі');
  });

  it('does not destroy short words and stop words', () => {
    for (const word of ['мен', 'және', 'бен', 'да', 'осы', 'бұл']) {
      const [token] = analyze(word, 'kk');
      expect(token!.stem, word).toBe(word);
    }
    for (const word of ['и', 'в', 'на', 'не', 'от']) {
      const [token] = analyze(word, 'ru');
      expect(token!.stem, word).toBe(word);
    }
    expect(analyze('мен', 'kk')[0]!.loose).toBe('мен');
  });

  it('keeps numbers and number-like tokens whole', () => {
    const tokens = analyze('№ 383-V ҚРЗ, № 6-38, N 66, 2015 жылғы 2 қарашадағы, 02.11.2015', 'kk');
    expect(tokens.map((t) => t.exact)).toEqual(['383-v', 'қрз', '6-38', 'n', '66', '2015', 'жылғы', '2', 'қарашадағы', '02', '11', '2015']);
    expect(tokens.find((t) => t.exact === '6-38')!.stem).toBe('6-38');
    expect(tokens.find((t) => t.exact === 'қарашадағы')!.stem).toBe('қараша');
  });

  it('splits hyphenated words, but keeps Kazakh suffixes on abbreviations and numerals', () => {
    const text = 'ҚР-ның әлеуметтік-экономикалық 14-бабы 1-ші COVID-19';
    const tokens = analyze(text, 'kk');
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['ҚР-ның', 'әлеуметтік', 'экономикалық', '14', 'бабы', '1-ші', 'COVID', '19']);
    expect(tokens[0]).toMatchObject({ exact: 'қр-ның', stem: 'қр' });
    expect(tokens[4]!.stem).toBe('бап');
    expect(tokens[5]!.stem).toBe('1');
  });
});

describe('offsets point at the original text', () => {
  it('plain text: every token slices back to its surface form', () => {
    const text = 'Алматы облыстық мәслихаты ШЕШТІ: 1. «Автомобиль көлігі туралы» Заңының 14-бабы';
    for (const token of analyze(text, 'kk')) {
      expect(normalizeWord(text.slice(token.start, token.end))).toBe(token.exact);
    }
  });

  it('NFD input (combining characters) stays one token and maps back', () => {
    const nfc = 'Кеңестің шешімі: йод, ёлка, Ќ, café';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const fromNfd = analyze(nfd, 'kk');
    const fromNfc = analyze(nfc, 'kk');
    expect(fromNfd.map((t) => t.exact)).toEqual(fromNfc.map((t) => t.exact));
    for (const token of fromNfd) {
      expect(normalizeWord(nfd.slice(token.start, token.end))).toBe(token.exact);
    }
    expect(fromNfd.find((t) => t.exact === 'йод')).toBeDefined();
  });

  it('emoji, astral letters and soft hyphens', () => {
    const text = '👍 кеңес😀тер 𝐀𝐁 ке\u00ADңес заң\u200Bнама 🇰🇿';
    const tokens = analyze(text, 'kk');
    for (const token of tokens) {
      expect(token.end).toBeGreaterThan(token.start);
      expect(normalizeWord(text.slice(token.start, token.end))).toBe(token.exact);
    }
    expect(tokens.map((t) => t.exact)).toEqual(['кеңес', 'тер', '𝐀𝐁'.toLowerCase(), 'кеңес', 'заңнама']);
  });

  it('tokenize agrees with analyze and with WORD_PATTERN-based normalizeText', () => {
    const text = 'Қазақстан Республикасының 2015 жылғы 2 қарашадағы № 383-V ҚРЗ Заңы';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.start, t.end])).toEqual(analyze(text, 'kk').map((t) => [t.start, t.end]));
    expect(tokens.map((t) => t.text).join(' ')).toBe(normalizeText(text).replace(/[№]/g, '').split(/\s+/).filter(Boolean).join(' '));
  });

  it('10 KB of random Unicode never throws and every offset is valid', () => {
    const next = random(42);
    const ranges: [number, number][] = [[0x20, 0x7e], [0x400, 0x4ff], [0x300, 0x36f], [0x2000, 0x206f], [0x1f300, 0x1f6ff], [0x4e00, 0x4eff], [0x600, 0x6ff], [0xd800, 0xdfff], [0x1d400, 0x1d4ff]];
    let text = '';
    while (text.length < 10_240) {
      const [lo, hi] = ranges[Math.floor(next() * ranges.length)]!;
      const cp = lo + Math.floor(next() * (hi - lo + 1));
      // lone surrogates on purpose: PDF text layers contain them
      text += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      if (next() < 0.15) text += ' ';
    }
    for (const hint of ['kk', 'ru', 'en', 'mixed', null] as const) {
      const tokens = analyze(text, hint);
      let previousEnd = 0;
      for (const token of tokens) {
        expect(token.start).toBeGreaterThanOrEqual(previousEnd);
        expect(token.end).toBeLessThanOrEqual(text.length);
        expect(token.exact.length).toBeGreaterThan(0);
        expect(token.stem.length).toBeGreaterThan(0);
        previousEnd = token.end;
      }
    }
    expect(() => tokenize(text)).not.toThrow();
    expect(() => analyzeQuery(text)).not.toThrow();
  });
});

describe('analyzeQueryWord', () => {
  it('a word with Kazakh letters has one Kazakh stem', () => {
    expect(analyzeQueryWord('Кеңестердің')).toEqual({ exact: 'кеңестердің', stems: ['кеңес'], loose: ['кенес'] });
  });

  it('an ambiguous Cyrillic word gets both stems', () => {
    const forms = analyzeQueryWord('республикасы');
    expect(forms.stems).toContain('республика');
    const russian = analyzeQueryWord('законами');
    expect(russian.stems[0]).toBe(stemRussian('законами'));
  });

  it('the hint tips the balance for words without Kazakh letters', () => {
    expect(analyzeQueryWord('облысы', 'kk').stems[0]).toBe('облыс');
    expect(analyzeQueryWord('совета', 'ru').stems[0]).toBe(stemRussian('совета'));
  });

  it('Latin query words get a Kazakh stem', () => {
    expect(analyzeQueryWord('keñesiniñ').stems).toContain('кеңес');
    expect(analyzeQueryWord('Respýblıkasynyń').stems).toContain('республика');
  });

  it('analyzeQuery keeps offsets into the query', () => {
    const query = '  кеңес   шешімі ';
    expect(analyzeQuery(query).map((w) => query.slice(w.start, w.end))).toEqual(['кеңес', 'шешімі']);
  });
});
