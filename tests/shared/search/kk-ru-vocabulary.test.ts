/**
 * The common kk ↔ ru vocabulary of official texts (shared/search/kk-ru-vocabulary.ts,
 * docs/ARCHITECTURE.md §6.3): every line becomes a concept of the dictionary with both languages,
 * and a word typed in one language reaches the other language's inflected forms as the official
 * texts write them.
 */
import { describe, expect, it } from 'vitest';
import { analyze, analyzeQueryWord } from '../../../shared/search/analyzer';
import { chooseSpans } from '../../../shared/search/alternatives';
import { KK_RU_CONCEPTS, translationAlternatives } from '../../../shared/search/kk-ru-dictionary';
import { COMMON_VOCABULARY } from '../../../shared/search/kk-ru-vocabulary';
import { toLoose } from '../../../shared/search/loose';
import { normalizeWord } from '../../../shared/text/normalize';

const LINES = COMMON_VOCABULARY.split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

function forms(side: string): string[] {
  return side.split(';').map((text) => text.trim()).filter(Boolean);
}

function loose(text: string): string {
  return text.split(/\s+/).map((word) => toLoose(normalizeWord(word))).join(' ');
}

/**
 * Whether a query typed in one language finds `text` (of the other language) through the
 * dictionary: an alternative offered for the whole query, analysed as its language, occurs in the
 * text's analysed words in sequence, stem by stem, as the index compares them.
 */
function findsThroughTranslation(query: string, hint: 'kk' | 'ru', text: string, textLang: 'kk' | 'ru'): boolean {
  const words = query.split(' ');
  const span = chooseSpans(words, translationAlternatives(words, hint)).find((candidate) => candidate.start === 0 && candidate.end === words.length);
  if (!span) return false;
  const tokens = analyze(text, textLang).map((token) => token.stem);
  return span.alternatives.some((alternative) => {
    const stems = alternative.words.map((word) => analyzeQueryWord(word, alternative.lang ?? null).stems);
    return tokens.some((_, start) => stems.every((candidates, i) => candidates.includes(tokens[start + i] ?? '')));
  });
}

describe('the common kk ↔ ru vocabulary', () => {
  it('holds several hundred entries, each of them a dictionary concept with Kazakh and Russian forms', () => {
    expect(LINES.length).toBeGreaterThanOrEqual(500);
    const concepts = new Map(KK_RU_CONCEPTS.map((concept) => [concept.forms.map((form) => `${form.lang}:${form.text}`).join('|'), concept]));
    for (const line of LINES) {
      const [kk = '', ru = '', ...rest] = line.split('=');
      expect(rest, line).toEqual([]);
      const key = [...forms(kk).map((text) => `kk:${text}`), ...forms(ru).map((text) => `ru:${text}`)].join('|');
      const concept = concepts.get(key);
      expect(concept, `${line} is not a concept with all its forms`).toBeDefined();
      expect(concept!.forms.some((form) => form.lang === 'kk'), line).toBe(true);
      expect(concept!.forms.some((form) => form.lang === 'ru'), line).toBe(true);
    }
  });

  it('never maps a word to itself (words spelled alike in both languages need no entry)', () => {
    for (const line of LINES) {
      const [kk = '', ru = ''] = line.split('=');
      const kazakh = new Set(forms(kk).map(loose));
      for (const russian of forms(ru)) expect(kazakh.has(loose(russian)), line).toBe(false);
    }
  });

  it('finds a Kazakh act\'s inflected words for a Russian query word: законодательства → заңнамасына', () => {
    expect(findsThroughTranslation('законодательства', 'ru', 'Қазақстан Республикасының заңнамасына сәйкес', 'kk')).toBe(true);
  });

  it('translates a term as a whole, not word by word: должностных обязанностей → лауазымдық міндеттерін', () => {
    expect(findsThroughTranslation('должностных обязанностей', 'ru', 'өзінің лауазымдық міндеттерін тиісінше орындамағаны үшін', 'kk')).toBe(true);
  });

  it('finds a Russian act\'s inflected words for a Kazakh query word (тамақтануын → питания), and a Kazakh term for a Russian word (недропользования → жер қойнауын пайдалану)', () => {
    expect(findsThroughTranslation('тамақтануын', 'kk', 'организация питания детей в дошкольных организациях', 'ru')).toBe(true);
    expect(findsThroughTranslation('недропользования', 'ru', 'жер қойнауын пайдалану жөніндегі операциялар', 'kk')).toBe(true);
  });
});
