import { describe, expect, it } from 'vitest';
import { analyze, analyzeWordForms, clearAnalyzerCache, forEachTokenForms } from '../../../shared/search/analyzer';
import { scanWords, tokenize } from '../../../shared/search/tokenize';
import { normalizeWord } from '../../../shared/text/normalize';

/** A deterministic pseudo-random generator (tests must not flake). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LETTERS = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяabcdefghijklmnopqrstuvwxyzäğñöūüışáǵńóúý';

function randomWord(next: () => number): string {
  const length = 2 + Math.floor(next() * 14);
  let word = '';
  for (let i = 0; i < length; i++) word += LETTERS[Math.floor(next() * LETTERS.length)];
  return next() < 0.2 ? word.toUpperCase() : word;
}

describe('the word cache never changes what a word analyzes to', () => {
  it('many more distinct words than cache slots (collisions and evictions): cached forms equal fresh ones', () => {
    clearAnalyzerCache();
    const next = random(42);
    // 90,000 distinct-ish words over a table of 65,536 entries: most sets see evictions, and
    // a third of the words come again, then often from the cache.
    const words = Array.from({ length: 90_000 }, () => randomWord(next));
    const text = [...words, ...words.slice(0, 15_000), ...words.slice(75_000)].join(' ');
    for (const lang of ['kk', null] as const) {
      for (const token of analyze(text, lang)) {
        const norm = normalizeWord(text.slice(token.start, token.end));
        const fresh = analyzeWordForms(norm, norm, lang);
        if (token.exact !== fresh.exact || token.stem !== fresh.stem || token.loose !== fresh.loose) {
          expect({ word: text.slice(token.start, token.end), ...token }).toEqual({ word: text.slice(token.start, token.end), start: token.start, end: token.end, ...fresh });
        }
      }
    }
  });

  it('long words (which V8 would keep as views of the page) analyze the same from the cache', () => {
    clearAnalyzerCache();
    const page = 'Қазақстан Республикасының Денсаулық сақтау министрлігінің мемлекеттік бағдарламаларының '.repeat(3);
    const first = analyze(page, 'kk');
    const second = analyze(`${page}`.slice(0), 'kk');
    expect(second).toEqual(first);
    expect(first.find((t) => t.exact === 'бағдарламаларының')?.stem).toBe(analyzeWordForms('бағдарламаларының', 'бағдарламаларының', 'kk').stem);
  });
});

describe('forEachTokenForms', () => {
  it('gives the tokens and forms of analyze, with offsets', () => {
    const text = 'ҚР-ның 2015-ке дейінгі «Кеңестердің» шешімі, 383-V заңы; COVID-19 и законами keñesiniñ сoвет';
    for (const lang of ['kk', 'ru', 'mixed', null] as const) {
      const seen: Array<{ start: number; end: number; exact: string; stem: string; loose: string }> = [];
      forEachTokenForms(text, lang, (forms, start, end) => seen.push({ start, end, exact: forms.exact, stem: forms.stem, loose: forms.loose }));
      expect(seen).toEqual(analyze(text, lang));
    }
  });

  it('may be called again from inside its callback (the scanner cursor is not shared state that leaks)', () => {
    const outer = 'бірінші екінші үшінші төртінші';
    const inner = 'алпha beta-gamma ҚР-ның';
    const words: string[] = [];
    forEachTokenForms(outer, 'kk', (forms) => {
      words.push(forms.exact);
      scanWords(inner, () => {});
      forEachTokenForms(inner, 'kk', () => {});
      tokenize(inner);
    });
    expect(words).toEqual(['бірінші', 'екінші', 'үшінші', 'төртінші']);
  });
});
