/**
 * The text analyzer (docs/ARCHITECTURE.md §6.1): one code path for indexing, queries, snippets and PDF
 * highlights. Every token gets three forms:
 *   exact — the normalised surface form (NFC, lower case, ё→е, homoglyphs repaired);
 *   stem  — Kazakh suffix stripping (kazakh-stemmer.ts), Snowball Russian or Porter English,
 *           chosen per word (language.ts); Latin-script Kazakh is transliterated to Cyrillic
 *           first (latin-kazakh.ts), so `keñesi` has the stem of `кеңесі`;
 *   loose — the Russian-keyboard / Latin-spelling-insensitive key (loose.ts). Kazakh words (in any
 *           script) and all Latin words are stemmed in the loose alphabet itself
 *           (`kazakhLooseStem`), so a word typed without Kazakh letters (`кенестердин`) or in Latin
 *           (`kenesterdin`) gets the same key as `кеңестердің`; Russian words use the loose form of
 *           their Snowball stem.
 * Numbers and number-like tokens (`2015`, `6-38`, `383-V`) keep exact = stem.
 *
 * The index stores ANALYZER_VERSION and rebuilds when it changes: bump it on ANY change that can
 * alter a token or one of its forms (this file, tokenize.ts, the stemmers, their word lists,
 * loose.ts, language.ts, latin-kazakh.ts, shared/text/normalize.ts, the stemmer package version).
 */

import { normalizeWord } from '../text/normalize';
import { stemKazakh } from './kazakh-stemmer';
import { chooseCyrillicLanguage, chooseLatinLanguage, hasKazakhLetters, scriptOf, type LanguageHint } from './language';
import { kazakhLatinToCyrillic } from './latin-kazakh';
import { kazakhLooseStem, looseForm } from './loose';
import { stemEnglish, stemRussian } from './snowball';
import { nextWord, splitHyphenated, tokenize, wordCursor } from './tokenize';

export type { LanguageHint } from './language';

export const ANALYZER_VERSION = 'muragat-analyzer/2 (kk-rules 3, ru snowball @orama/stemmers 3.1.18, en porter)';

export interface AnalyzedToken {
  /** Start offset in the original text (UTF-16 code units). */
  start: number;
  /** End offset (exclusive) in the original text. */
  end: number;
  exact: string;
  stem: string;
  loose: string;
}

export interface WordForms {
  exact: string;
  stem: string;
  loose: string;
}

export interface QueryWordForms {
  exact: string;
  /** Candidate stems, best first (several when the word's language is ambiguous). */
  stems: string[];
  /** Candidate loose forms, best first. */
  loose: string[];
}

// ---------------------------------------------------------------------------------------------
// Per-word analysis
// ---------------------------------------------------------------------------------------------

function kazakhForms(exact: string, base: string): WordForms {
  return { exact, stem: stemKazakh(base), loose: kazakhLooseStem(base) };
}

/** The three forms of one normalised token; `base` is the part to stem (see Token.base). */
export function analyzeWordForms(exact: string, base: string, hint: LanguageHint): WordForms {
  switch (scriptOf(base)) {
    case 'number':
      return { exact, stem: base, loose: looseForm(base) };
    case 'cyrillic': {
      if (hasKazakhLetters(base) || chooseCyrillicLanguage(base, hint).primary === 'kk') return kazakhForms(exact, base);
      const stem = stemRussian(base);
      return { exact, stem, loose: looseForm(stem) };
    }
    case 'latin': {
      const loose = kazakhLooseStem(base);
      const stem =
        chooseLatinLanguage(base, hint).primary === 'kk' ? stemKazakh(kazakhLatinToCyrillic(base)) : stemEnglish(base);
      return { exact, stem, loose };
    }
    default:
      return { exact, stem: base, loose: base };
  }
}

// ---------------------------------------------------------------------------------------------
// Cache: per language hint, a two-way set-associative table of CACHE_SLOTS words keyed by the raw
// token. The key is hashed and compared straight from the text, so a hit allocates nothing.
// Two ways instead of one direct-mapped slot: an archive's vocabulary per language is of the
// order of the table's size, and with one slot per hash about one token in ten missed on
// collisions (simulated on the benchmark's corpus: 10% of tokens missed direct-mapped, 5.5% two-way, for
// the same memory bound); a miss costs the whole analysis of the word.
// ---------------------------------------------------------------------------------------------

const CACHE_SLOTS = 1 << 16;
const SET_MASK = CACHE_SLOTS - 2;

class FormsCache {
  readonly keys: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
  readonly values: (WordForms | undefined)[] = new Array<WordForms | undefined>(CACHE_SLOTS).fill(undefined);
}

const caches = new Map<LanguageHint, FormsCache>();

function cacheFor(hint: LanguageHint): FormsCache {
  const key = hint ?? null;
  let cache = caches.get(key);
  if (cache === undefined) {
    cache = new FormsCache();
    caches.set(key, cache);
  }
  return cache;
}

function keyMatches(key: string | undefined, text: string, start: number, end: number): boolean {
  if (key === undefined || key.length !== end - start) return false;
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * A copy of a word that does not keep the text it was cut from alive. V8 makes a slice of 13 or
 * more characters a view of its parent string, and so would every cache entry of a long word
 * (and the forms sliced from it): the cache would hold whole pages, megabytes of them, in the
 * indexing workers and in the search process. Concatenating and slicing again copies the word.
 */
function detached(word: string): string {
  return word.length < 13 ? word : (' ' + word).slice(1);
}

/** Forms of the raw (un-normalised) token text[start, end) without a hyphenated suffix, cached. */
function formsOfRange(text: string, start: number, end: number, cache: FormsCache, hint: LanguageHint): WordForms {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const slot = (h ^ (h >>> 16)) & SET_MASK;
  const keys = cache.keys;
  const values = cache.values;
  if (keyMatches(keys[slot], text, start, end)) return values[slot]!;
  if (keyMatches(keys[slot + 1], text, start, end)) {
    // Most recently used first: the other way is the one a miss replaces.
    const key = keys[slot + 1];
    const forms = values[slot + 1]!;
    keys[slot + 1] = keys[slot];
    values[slot + 1] = values[slot];
    keys[slot] = key;
    values[slot] = forms;
    return forms;
  }
  const raw = detached(text.slice(start, end));
  const norm = normalizeWord(raw);
  const forms = analyzeWordForms(norm, norm, hint);
  keys[slot + 1] = keys[slot];
  values[slot + 1] = values[slot];
  keys[slot] = raw;
  values[slot] = forms;
  return forms;
}

/** Empties the word caches (tests and benchmarks). */
export function clearAnalyzerCache(): void {
  caches.clear();
}

// ---------------------------------------------------------------------------------------------
// Text analysis
// ---------------------------------------------------------------------------------------------

/**
 * Calls `emit(forms, start, end)` for every token of `text`, in order: what `analyze` returns,
 * without an object per token (the indexer builds its columns straight from this). `forms` may
 * be a shared cache entry: read it, never keep or change it.
 */
export function forEachTokenForms(
  text: string,
  langHint: LanguageHint,
  emit: (forms: Readonly<WordForms>, start: number, end: number) => void,
): void {
  const cache = cacheFor(langHint);
  let start = nextWord(text, 0);
  while (start >= 0) {
    // Read the cursor before emitting: emit may analyze other text and move it.
    const end = wordCursor.end;
    if (!wordCursor.hasHyphen) {
      emit(formsOfRange(text, start, end, cache, langHint), start, end);
    } else {
      splitHyphenated(text, start, text.slice(start, end), (s, e, baseEnd) => {
        if (baseEnd === e) {
          emit(formsOfRange(text, s, e, cache, langHint), s, e);
          return;
        }
        const exact = normalizeWord(text.slice(s, e));
        const base = normalizeWord(text.slice(s, baseEnd));
        emit(analyzeWordForms(exact, base, langHint), s, e);
      });
    }
    start = nextWord(text, end);
  }
}

/**
 * Analyzes text: every token with its offsets in `text` and its exact, stem and loose forms.
 * `langHint` is the document's language (`kk`, `ru`, `en`, `mixed`) or null when unknown; it only
 * decides for Cyrillic words without Kazakh letters and for Latin words (see language.ts).
 */
export function analyze(text: string, langHint: LanguageHint = null): AnalyzedToken[] {
  const out: AnalyzedToken[] = [];
  forEachTokenForms(text, langHint, (forms, start, end) => {
    out.push({ start, end, exact: forms.exact, stem: forms.stem, loose: forms.loose });
  });
  return out;
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * The forms of one query word. A query word has no document around it, so its language is
 * decided by its letters and endings (and the hint, e.g. the UI's language filter); when that
 * stays ambiguous both stems (and loose forms) are returned, best first.
 * `word` should be one token as `tokenize` cuts it (a hyphenated suffix such as `ҚР-ның` is
 * handled); anything else is normalised and treated as a single word.
 */
export function analyzeQueryWord(word: string, langHint: LanguageHint = null): QueryWordForms {
  const tokens = tokenize(word);
  const token = tokens.length === 1 ? tokens[0]! : undefined;
  const exact = token?.text ?? normalizeWord(word.trim());
  const base = token?.base ?? exact;
  const primary = analyzeWordForms(exact, base, langHint);
  const stems = [primary.stem];
  const loose = [primary.loose];
  const script = scriptOf(base);
  if (script === 'cyrillic' && !hasKazakhLetters(base)) {
    const choice = chooseCyrillicLanguage(base, langHint);
    if (choice.ambiguous) {
      if (choice.primary === 'kk') {
        const ru = stemRussian(base);
        pushUnique(stems, ru);
        pushUnique(loose, looseForm(ru));
      } else {
        pushUnique(stems, stemKazakh(base));
        pushUnique(loose, kazakhLooseStem(base));
      }
    }
  } else if (script === 'latin') {
    const choice = chooseLatinLanguage(base, langHint);
    if (choice.ambiguous) {
      pushUnique(stems, choice.primary === 'kk' ? stemEnglish(base) : stemKazakh(kazakhLatinToCyrillic(base)));
    }
  }
  return { exact, stems, loose };
}

/** Analyzes every word of a query string, with offsets into it. */
export function analyzeQuery(text: string, langHint: LanguageHint = null): (QueryWordForms & { start: number; end: number })[] {
  return tokenize(text).map((token) => ({
    start: token.start,
    end: token.end,
    ...analyzeQueryWord(text.slice(token.start, token.end), langHint),
  }));
}
