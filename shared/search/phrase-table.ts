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
import { hasKazakhLetters, type LanguageHint } from './language';
import { normalizeWord } from '../text/normalize';
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

/** The word's letters as written, a Kazakh ending after a hyphen dropped (`ҚР-ның` → `ҚР`). */
function shortWordBase(word: string): string {
  let raw = word.trim().replace(/\.+$/, '');
  if (ONLY_LATIN_LOOKALIKES.test(raw)) raw = [...raw].map((ch) => LATIN_CAPITAL_LOOKALIKE[ch] ?? ch).join('');
  const tokens = tokenize(raw);
  if (tokens.length === 0) return '';
  // `ҚР-ның`: one token whose base is the abbreviation; `ГЧП`-like runs are one token as well.
  const base = tokens.length === 1 ? tokens[0]!.base : tokens.map((token) => token.text).join('');
  return base.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The key of one written word of a short form: its letters in the loose alphabet, a Kazakh ending
 * after a hyphen dropped. A word typed only in Latin capitals that all look like Cyrillic ones
 * (`KP`, `MOH`) is read as Cyrillic: no Latin abbreviation of these documents is spelled so.
 */
export function shortWordKey(word: string): string {
  return toLoose(shortWordBase(word));
}

/** The key of a whole short form (`ПП РК` → `пп рк`). */
export function shortKey(text: string): string {
  return text.split(/\s+/).filter(Boolean).map(shortWordKey).filter(Boolean).join(' ');
}

/** The same without the loose alphabet: letters as written, lower case (`ҚР БҒМ` → `қр бғм`). */
function exactShortKey(text: string): string {
  return text.split(/\s+/).filter(Boolean).map(shortWordBase).filter(Boolean).join(' ');
}

/**
 * True when a word is typed as an abbreviation: two capitals at least (ҚР, ТиПО, KP, ҚР-ның).
 * Such a word is compared in the loose alphabet (КР, БГМ: a Russian keyboard). A word typed in
 * lower case (or capitalised like any word at a sentence start) must spell the abbreviation with
 * its own letters: in the loose alphabet too many words meet one (тең and ТЭН, маска and МӘСҚ).
 */
function typedAsAbbreviation(word: string): boolean {
  const head = word.split(/[-‐‑]/)[0] ?? word;
  let capitals = 0;
  for (const ch of head) if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) capitals++;
  return capitals >= 2;
}

const FORMS_CACHE_LIMIT = 20_000;
const formsCache = new Map<string, WordForms>();

/** How a word is compared: its stems in the Kazakh alphabet and in the loose one. */
interface WordForms {
  stems: readonly string[];
  loose: readonly string[];
  /** The whole word in the loose alphabet (a short stem must be its start, see `wordMatch`). */
  looseWord: string;
  /** It has letters only Kazakh has (қ ә ң …): compared in the Kazakh alphabet then. */
  kazakh: boolean;
}

const TYPED_CYRILLIC: readonly LanguageHint[] = [null, 'ru'];
const HINTS: Readonly<Record<TermLanguage, readonly LanguageHint[]>> = { kk: ['kk'], ru: ['ru'], any: [null, 'kk', 'ru'] };

/**
 * A word's forms: under its language's stemmer for a term of known language; for a typed word,
 * under the language the analyzer guesses (both when it cannot tell) and the Russian stemmer, so
 * a typed word's stems include whichever stem its term was given. A Russian word is not put
 * through the Kazakh stemmer unless the guess says Kazakh: участка is not участ-ка (dative).
 */
function wordForms(word: string, lang: TermLanguage | 'typed'): WordForms {
  const key = `${lang}:${word}`;
  const cached = formsCache.get(key);
  if (cached) return cached;
  const kazakh = hasKazakhLetters(normalizeWord(word));
  const hints = lang === 'typed' ? (kazakh ? [null] : TYPED_CYRILLIC) : HINTS[lang];
  const stems = new Set<string>();
  const loose = new Set<string>();
  for (const hint of hints) {
    const analyzed = analyzeQueryWord(word, hint);
    for (const stem of analyzed.stems) if (stem) stems.add(stem);
    for (const form of analyzed.loose) if (form) loose.add(form);
  }
  const forms: WordForms = { stems: [...stems], loose: [...loose], looseWord: toLoose(normalizeWord(word)), kazakh };
  if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
  formsCache.set(key, forms);
  return forms;
}

/** Below this many letters a shared stem is not enough: семи (seven) is not семья. */
const SHORT_STEM = 4;

/**
 * How well a typed word matches a term's word: the length of their longest shared stem (then of
 * their shared start), 0 when none. Two Kazakh words are compared in the Kazakh alphabet (күн
 * "day" is not құн "value"), others in the loose one (a Russian keyboard, Latin script). A stem
 * shorter than SHORT_STEM counts only when the typed word starts with the whole term word (суда
 * for суд, жерде for жер).
 */
function wordMatch(typed: WordForms, term: WordForms): number {
  const [mine, theirs] = typed.kazakh && term.kazakh ? [typed.stems, term.stems] : [typed.loose, term.loose];
  let best = 0;
  for (const stem of mine) if (stem.length > best && theirs.includes(stem)) best = stem.length;
  if (best === 0 || (best < SHORT_STEM && !typed.looseWord.startsWith(term.looseWord))) return 0;
  // Ties broken by how much of the words themselves agree (правил: правила over право).
  let common = 0;
  while (common < typed.looseWord.length && typed.looseWord[common] === term.looseWord[common]) common++;
  return best * 100 + common;
}

interface FullEntry {
  concept: TermConcept;
  form: TermForm;
  /** The content words as written; their forms are computed when the entry is first a candidate. */
  texts: string[];
  words?: WordForms[];
}

/** The forms of an entry's words, computed once, on first need (most entries never are). */
function entryWords(entry: FullEntry): WordForms[] {
  entry.words ??= entry.texts.map((text) => wordForms(text, entry.form.lang));
  return entry.words;
}

/**
 * Full forms are indexed by the first letters of their first word in the loose alphabet, which
 * every inflected form and every stem of the word shares (stems cut endings, not beginnings), so
 * a table of thousands of learned full forms is built without running the analyzer on them.
 */
const HEAD_LETTERS = 3;

/** `word` is a token's base: without a Kazakh ending after a hyphen (ҚР-ның → қр). */
function headKey(word: string): string {
  return toLoose(normalizeWord(word)).slice(0, HEAD_LETTERS);
}

interface TypedToken {
  clause: number;
  first: boolean;
  last: boolean;
  forms: WordForms | null;
  /** `headKey` of the word. */
  head: string;
}

/** The longest short form, in words: spans longer than that are never looked up as short forms. */
const MAX_SHORT_WORDS = 4;

export class PhraseTable {
  /** Short forms by their loose key (typed as an abbreviation) and by their exact letters. */
  private readonly shorts = new Map<string, Array<{ concept: TermConcept; form: TermForm }>>();
  private readonly exactShorts = new Map<string, Array<{ concept: TermConcept; form: TermForm }>>();
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
    for (const [map, mapKey] of [[this.shorts, key], [this.exactShorts, exactShortKey(form.text)]] as const) {
      const list = map.get(mapKey) ?? [];
      list.push({ concept, form });
      map.set(mapKey, list);
    }
  }

  private addFull(concept: TermConcept, form: TermForm): void {
    const tokens = tokenize(form.text).filter((token) => !FUNCTION_WORDS.has(toLoose(token.text)));
    if (tokens.length === 0) return;
    const texts = tokens.map((token) => token.text);
    const key = headKey(tokens[0]!.base);
    const list = this.fulls.get(key) ?? [];
    list.push({ concept, form, texts });
    this.fulls.set(key, list);
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
    const looseKeys = words.map((word) => (word === null ? null : shortWordKey(word)));
    const exactKeys = words.map((word) => (word === null ? null : shortWordBase(word)));
    const asAbbreviation = words.map((word) => word !== null && typedAsAbbreviation(word));
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= Math.min(words.length, start + this.maxShortWords); end++) {
        if (words[end - 1] === null || !looseKeys[end - 1]) break;
        // ПП РК, РГП на ПХВ: typed as an abbreviation when a word of it is.
        const capitals = asAbbreviation.slice(start, end).some(Boolean);
        const key = (capitals ? looseKeys : exactKeys).slice(start, end).join(' ');
        let found = (capitals ? this.shorts : this.exactShorts).get(key);
        // An abbreviation written and declined as a word (вуза, вузов) is found by its stem.
        if (!found && !capitals && end === start + 1) found = this.lowerCaseShortByStem(words[start]!);
        if (!found) continue;
        const letters = key.replace(/ /g, '').length;
        for (const { concept, form } of found) {
          if ((letters <= 2 || form.capitals) && !capitals) continue;
          out.push({ start, end, concept, matched: form });
        }
      }
    }
  }

  /** Short forms written as words (вуз, Минздрав), found by a declined form's stem. */
  private lowerCaseShortByStem(word: string): Array<{ concept: TermConcept; form: TermForm }> | undefined {
    for (const stem of wordForms(word, 'typed').loose) {
      const found = stem.length >= 3 ? this.shorts.get(stem)?.filter(({ form }) => !typedAsAbbreviation(form.text)) : undefined;
      if (found?.length) return found;
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
        run.push({ clause, first: k === 0, last: k === parts.length - 1, forms: functional ? null : wordForms(token.text, 'typed'), head: headKey(token.base) });
      });
    });
    if (run.length) runs.push(run);
    // Per span, only the best-matching terms (правил: the rules, not право by a shorter stem).
    const best = new Map<string, { score: number; matches: TermMatch[] }>();
    for (const tokensOfRun of runs) {
      const content = tokensOfRun.filter((token) => token.forms !== null);
      for (let i = 0; i < content.length; i++) {
        const head = content[i]!;
        if (!head.first) continue;
        for (const entry of this.fulls.get(head.head) ?? []) {
          if (i + entry.texts.length > content.length) continue;
          const tail = content[i + entry.texts.length - 1]!;
          if (!tail.last) continue;
          const words = entryWords(entry);
          let score = 0;
          for (let k = 0; k < words.length; k++) {
            const match = wordMatch(content[i + k]!.forms!, words[k]!);
            if (match === 0) {
              score = 0;
              break;
            }
            score += match;
          }
          if (score === 0) continue;
          const match: TermMatch = { start: head.clause, end: tail.clause + 1, concept: entry.concept, matched: entry.form };
          const key = `${match.start}:${match.end}`;
          const current = best.get(key);
          if (!current || score > current.score) best.set(key, { score, matches: [match] });
          else if (score === current.score) current.matches.push(match);
        }
      }
    }
    for (const { matches } of best.values()) out.push(...matches);
  }
}
