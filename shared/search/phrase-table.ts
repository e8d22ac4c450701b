/**
 * Finds known terms among a query's plain words (docs/ARCHITECTURE.md §6.3): the abbreviations
 * and their full forms (`abbreviations.ts`), the kk ↔ ru dictionary (`kk-ru-dictionary.ts`) and
 * the abbreviations an archive learned from its documents all look up their terms here.
 *
 * Two kinds of forms, matched differently:
 * - a **short** form (ҚР, ТжКБ, ПП РК) is compared letter by letter in the loose alphabet, so
 *   `КР` (a Russian keyboard), `БГМ` and Latin look-alikes (`KP`, typed in Latin capitals) all
 *   find it, and a Kazakh case ending after a hyphen (`ҚР-ның`) is ignored. A short form of one
 *   or two letters (РК, ҚМ, ГУ) only counts typed in capitals: in lower case it is a word or a
 *   unit (км, мм) far more often than an abbreviation.
 * - a **full** form (Қазақстан Республикасы, высшее учебное заведение) is a span of words, each
 *   compared by its stems in the loose alphabet under the Kazakh and the Russian stemmer, so an
 *   inflected span (`Қазақстан Республикасының`, `Республики Казахстан`) finds it. Conjunctions
 *   and prepositions (және, и, по) may be typed or left out.
 */
import { analyzeQueryWord } from './analyzer';
import type { LanguageHint } from './language';
import { toLoose } from './loose';
import { tokenize } from './tokenize';

/** A language of a term, or `any` for one seen in a document of unknown language. */
export type TermLanguage = 'kk' | 'ru' | 'any';

export interface TermForm {
  /** As written, e.g. `ҚР` or `Қазақстан Республикасы`. */
  text: string;
  kind: 'short' | 'full';
  lang: TermLanguage;
  /** Short forms: only typed in capitals counts (one- and two-letter ones always). */
  capitals?: boolean;
}

/** One meaning with all its ways of writing. */
export interface TermConcept {
  forms: TermForm[];
}

/** A concept found at query words `start` … `end - 1`, by the form `matched`. */
export interface TermMatch {
  start: number;
  end: number;
  concept: TermConcept;
  matched: TermForm;
}

/** Words a full form may have or lack in a query: they carry no meaning of their own. */
const FUNCTION_WORDS = new Set(
  ['және', 'мен', 'бен', 'пен', 'немесе', 'и', 'или', 'в', 'во', 'на', 'по', 'о', 'об', 'с', 'со', 'для', 'при', 'к', 'от', 'из', 'за', 'of', 'and'].map(toLoose),
);

/** Latin capitals that look like Cyrillic ones: an abbreviation typed with the wrong layout. */
const LATIN_CAPITAL_LOOKALIKE: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У', I: 'І',
};
const ONLY_LATIN_LOOKALIKES = /^[ABCEHKMOPTXYI]+$/;

/**
 * The key of one written word of a short form: letters in the loose alphabet, a Kazakh ending
 * after a hyphen dropped. A word typed only in Latin capitals that all look like Cyrillic ones
 * (`KP`, `MOH`) is read as Cyrillic: no Latin abbreviation of these documents is spelled so.
 */
export function shortWordKey(word: string): string {
  let raw = word.trim().replace(/\.+$/, '');
  if (ONLY_LATIN_LOOKALIKES.test(raw)) raw = [...raw].map((ch) => LATIN_CAPITAL_LOOKALIKE[ch] ?? ch).join('');
  const tokens = tokenize(raw);
  if (tokens.length === 0) return '';
  // `ҚР-ның`: one token whose base is the abbreviation; `ГЧП`-like runs are one token as well.
  const base = tokens.length === 1 ? tokens[0]!.base : tokens.map((token) => token.text).join('');
  return toLoose(base).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The key of a whole short form (`ПП РК` → `пп рк`). */
export function shortKey(text: string): string {
  return text.split(/\s+/).filter(Boolean).map(shortWordKey).filter(Boolean).join(' ');
}

/** True when the word's letters (before a hyphenated ending) are all capitals. */
function typedInCapitals(word: string): boolean {
  const head = word.split(/[-‐‑]/)[0] ?? word;
  const letters = head.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

const LOOSE_CACHE_LIMIT = 20_000;
const looseCache = new Map<string, readonly string[]>();

const ANY_LANGUAGE: readonly LanguageHint[] = [null, 'kk', 'ru'];
const HINTS: Readonly<Record<TermLanguage, readonly LanguageHint[]>> = { kk: ['kk'], ru: ['ru'], any: ANY_LANGUAGE };

/**
 * The loose stems of a word: under its language's stemmer for a term of known language, under
 * the Kazakh and the Russian stemmer (and the language guess) for a typed word. A typed word's
 * stems then include whichever stem its term was given.
 */
function looseStems(word: string, lang: TermLanguage = 'any'): readonly string[] {
  const key = `${lang}:${word}`;
  const cached = looseCache.get(key);
  if (cached) return cached;
  const stems = new Set<string>();
  for (const hint of HINTS[lang]) {
    for (const loose of analyzeQueryWord(word, hint).loose) if (loose) stems.add(loose);
  }
  const result = [...stems];
  if (looseCache.size >= LOOSE_CACHE_LIMIT) looseCache.clear();
  looseCache.set(key, result);
  return result;
}

interface FullEntry {
  concept: TermConcept;
  form: TermForm;
  /** Stems of each content word, in order. */
  words: Array<readonly string[]>;
}

interface TypedToken {
  clause: number;
  first: boolean;
  last: boolean;
  stems: readonly string[];
  functional: boolean;
}

/** The longest short form, in words: spans longer than that are never looked up as short forms. */
const MAX_SHORT_WORDS = 4;

export class PhraseTable {
  private readonly shorts = new Map<string, Array<{ concept: TermConcept; form: TermForm }>>();
  private readonly fulls = new Map<string, FullEntry[]>();
  private maxShortWords = 1;

  constructor(concepts: Iterable<TermConcept>) {
    for (const concept of concepts) {
      for (const form of concept.forms) {
        if (form.kind === 'short') this.addShort(concept, form);
        else this.addFull(concept, form);
      }
    }
  }

  private addShort(concept: TermConcept, form: TermForm): void {
    const key = shortKey(form.text);
    if (!key) return;
    const wordCount = key.split(' ').length;
    this.maxShortWords = Math.min(MAX_SHORT_WORDS, Math.max(this.maxShortWords, wordCount));
    const list = this.shorts.get(key) ?? [];
    list.push({ concept, form });
    this.shorts.set(key, list);
  }

  private addFull(concept: TermConcept, form: TermForm): void {
    const words = tokenize(form.text)
      .filter((token) => !FUNCTION_WORDS.has(toLoose(token.text)))
      .map((token) => looseStems(token.text, form.lang));
    if (words.length === 0) return;
    const entry: FullEntry = { concept, form, words };
    for (const stem of words[0]!) {
      const list = this.fulls.get(stem) ?? [];
      list.push(entry);
      this.fulls.set(stem, list);
    }
  }

  /** Every known term among the query words (plain words only; a span never crosses a null). */
  find(words: ReadonlyArray<string | null>): TermMatch[] {
    const matches: TermMatch[] = [];
    this.findShorts(words, matches);
    this.findFulls(words, matches);
    return matches;
  }

  private findShorts(words: ReadonlyArray<string | null>, out: TermMatch[]): void {
    if (this.shorts.size === 0) return;
    const keys = words.map((word) => (word === null ? null : shortWordKey(word)));
    for (let start = 0; start < words.length; start++) {
      let key = '';
      for (let end = start + 1; end <= Math.min(words.length, start + this.maxShortWords); end++) {
        const part = keys[end - 1];
        if (!part) break;
        key = key ? `${key} ${part}` : part;
        // An abbreviation declined as a word (вуза, вузов) is found by its stem.
        const found = this.shorts.get(key) ?? (end === start + 1 && key.length >= 3 ? this.shortByStem(words[start]!) : undefined);
        if (!found) continue;
        const letters = key.replace(/ /g, '').length;
        const capitals = words.slice(start, end).every((word) => typedInCapitals(word!));
        for (const { concept, form } of found) {
          if ((letters <= 2 || form.capitals) && !capitals) continue;
          out.push({ start, end, concept, matched: form });
        }
      }
    }
  }

  private shortByStem(word: string): Array<{ concept: TermConcept; form: TermForm }> | undefined {
    for (const stem of looseStems(word)) {
      const found = stem.length >= 3 ? this.shorts.get(stem) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private findFulls(words: ReadonlyArray<string | null>, out: TermMatch[]): void {
    if (this.fulls.size === 0) return;
    // Query words as tokens (a hyphenated word is several), each knowing its clause.
    const runs: TypedToken[][] = [];
    let run: TypedToken[] = [];
    words.forEach((word, clause) => {
      if (word === null) {
        if (run.length) runs.push(run);
        run = [];
        return;
      }
      const parts = tokenize(word);
      parts.forEach((token, k) => {
        const functional = FUNCTION_WORDS.has(toLoose(token.text));
        const typed: TypedToken = { clause, first: k === 0, last: k === parts.length - 1, stems: functional ? [] : looseStems(token.text), functional };
        run.push(typed);
      });
    });
    if (run.length) runs.push(run);
    for (const tokensOfRun of runs) {
      const content = tokensOfRun.filter((token) => !token.functional);
      for (let i = 0; i < content.length; i++) {
        const head = content[i]!;
        if (!head.first) continue;
        const candidates = new Set<FullEntry>();
        for (const stem of head.stems) for (const entry of this.fulls.get(stem) ?? []) candidates.add(entry);
        for (const entry of candidates) {
          if (i + entry.words.length > content.length) continue;
          let same = true;
          for (let k = 1; k < entry.words.length && same; k++) same = entry.words[k]!.some((stem) => content[i + k]!.stems.includes(stem));
          const tail = content[i + entry.words.length - 1]!;
          if (!same || !tail.last) continue;
          out.push({ start: head.clause, end: tail.clause + 1, concept: entry.concept, matched: entry.form });
        }
      }
    }
  }
}
