/**
 * Which words of a text a query matches, inflected and folded forms included: the same rules as
 * the search index, so the PDF viewer's and the text view's highlights mark exactly what the
 * search found (`кенес` marks `Кеңесінің`, `qazaqstan` marks `Қазақстан`).
 *
 * Pure: used by the core for snippets and by the renderer on the page's text layer.
 */
import { analyzeQueryWord, forEachTokenForms, type WordForms } from './analyzer';
import type { LanguageHint } from './language';
import { toLoose } from './loose';
import { parseQuery, type ParsedQuery, type QueryAtom } from './query';
import { tokenize } from './tokenize';
import { normalizeWord } from '../text/normalize';

/** The forms a highlight marks: any token whose exact, stem or loose form is listed. */
export interface MatchForms {
  exact: Set<string>;
  stem: Set<string>;
  loose: Set<string>;
  /** Normalised prefixes (`кеңес*`): exact and loose forms starting with one match. */
  exactPrefixes: string[];
  loosePrefixes: string[];
}

export interface MarkedRange {
  start: number;
  end: number;
}

export function emptyMatchForms(): MatchForms {
  return { exact: new Set(), stem: new Set(), loose: new Set(), exactPrefixes: [], loosePrefixes: [] };
}

/**
 * Query words as the index cuts them (`іс-шаралардың` → `іс`, `шаралардың`, `02.11.2015` → three
 * tokens): a query word the tokenizer splits is searched, and marked, as a phrase of its parts.
 */
export function indexWords(words: readonly string[]): string[] {
  return words.flatMap((word) => {
    const tokens = tokenize(word);
    return tokens.length > 1 ? tokens.map((token) => word.slice(token.start, token.end)) : [word];
  });
}

/** Adds the forms of one query atom (a word, a prefix or a phrase) to `forms`. */
export function addAtomForms(atom: QueryAtom, hint: LanguageHint, forms: MatchForms): void {
  if (atom.type === 'word' && atom.prefix) {
    const normalized = normalizeWord(atom.text);
    if (!normalized) return;
    forms.exactPrefixes.push(normalized);
    forms.loosePrefixes.push(toLoose(normalized));
    return;
  }
  const words = atom.type === 'word' ? indexWords([atom.text]) : indexWords(atom.words);
  for (const word of words) {
    const analyzed = analyzeQueryWord(word, hint);
    if (!analyzed.exact) continue;
    forms.exact.add(analyzed.exact);
    analyzed.stems.forEach((stem) => forms.stem.add(stem));
    analyzed.loose.forEach((loose) => forms.loose.add(loose));
  }
}

/** The forms of every positive atom of a parsed query (excluded words are never marked). */
export function matchFormsOf(query: ParsedQuery, hint: LanguageHint = null): MatchForms {
  const forms = emptyMatchForms();
  for (const clause of query.clauses) for (const atom of clause.alternatives) addAtomForms(atom, hint, forms);
  return forms;
}

export function isEmptyMatchForms(forms: MatchForms): boolean {
  return forms.exact.size === 0 && forms.exactPrefixes.length === 0;
}

export function tokenMatches(token: Readonly<WordForms>, forms: MatchForms): boolean {
  if (forms.exact.has(token.exact) || forms.stem.has(token.stem) || forms.loose.has(token.loose)) return true;
  for (const prefix of forms.exactPrefixes) if (token.exact.startsWith(prefix)) return true;
  for (const prefix of forms.loosePrefixes) if (token.loose.startsWith(prefix)) return true;
  return false;
}

/** Ranges of `text` (offsets into the original) that match `forms`, inflected and folded forms too. */
export function findMatches(text: string, forms: MatchForms, lang: LanguageHint = null): MarkedRange[] {
  // Tokens straight from the analyzer's cache: every search analyzes up to 60 passages for its
  // snippets, and most tokens do not match, so none of them needs an object of its own.
  const out: MarkedRange[] = [];
  forEachTokenForms(text, lang, (token, start, end) => {
    if (tokenMatches(token, forms)) out.push({ start, end });
  });
  return out;
}

/** Finds the matches of a query in any text. */
export type Highlighter = (text: string) => MarkedRange[];

/**
 * A highlighter for the words of a search query (filters such as `kind:` and excluded words are
 * ignored), or null when the query has no word to mark.
 */
export function createHighlighter(query: string, lang: LanguageHint = null): Highlighter | null {
  const forms = matchFormsOf(parseQuery(query), lang);
  if (isEmptyMatchForms(forms)) return null;
  return (text) => findMatches(text, forms, lang);
}
