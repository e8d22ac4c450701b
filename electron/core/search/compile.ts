import { analyzeQueryWord } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { toLoose } from '../../../shared/search/loose';
import { addAtomForms, indexWords, matchFormsOf, type MatchForms } from '../../../shared/search/highlight';
import type { ParsedQuery, QueryAtom, QueryClause } from '../../../shared/search/query';
import { isFillerWord } from '../../../shared/search/filler-words';
import { chooseSpans, type AlternativeSource, type AlternativesProvider, type QueryAlternative } from '../../../shared/search/alternatives';
import { normalizeWord } from '../../../shared/text/normalize';
import { ftsString } from './fts-forms';

/** One AND-ed condition of a compiled query. */
export interface CompiledClause {
  /** Its FTS5 expression (typed words OR their alternatives). */
  expr: string;
  /** What the user typed for it, as typed (a word, a phrase's words, an OR group's atoms). */
  typed: string[];
  /** The words of its alternatives (an abbreviation's full form, a translation…), to mark in snippets. */
  alternativeWords: string[];
  /** A question or filler word (как, қалай, үшін…): never required, not marked (see filler-words.ts). */
  filler: boolean;
  /** The sources of the alternatives ORed into it (empty when none). */
  sources: AlternativeSource[];
}

export interface CompileOptions {
  /** Finds other spellings of the query's plain words (abbreviations, dates…). */
  alternatives?: AlternativesProvider;
  /** Only alternatives of these sources are used (default: all). */
  sources?: ReadonlySet<AlternativeSource>;
}

export interface CompiledQuery {
  /** An FTS5 MATCH expression built only from quoted forms; null when nothing to match. */
  match: string | null;
  /** The AND-ed clauses of `match`, each as its own expression (empty when match is null). */
  clauses: string[];
  /** The same clauses with what the user typed for each (parallel to `clauses`). */
  parts: CompiledClause[];
  /** The excluded atoms alone (OR-ed), for queries made of filters and exclusions. */
  excluded: string | null;
  highlight: MatchForms;
}

function orGroup(parts: readonly string[]): string {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0]! : `(${unique.join(' OR ')})`;
}

/**
 * One atom as FTS5 syntax. A word matches any of its forms in any column; bm25's column weights
 * then put exact above stem above loose. A phrase matches its exact forms in sequence, or its
 * loose forms in sequence (an inflected or Russian-keyboard phrase). A prefix matches exact and
 * loose forms that start with it. A query word the tokenizer splits becomes a phrase of its parts.
 */
function compileAtom(atom: QueryAtom, hint: LanguageHint): string | null {
  if (atom.type === 'word' && !atom.prefix) {
    const parts = indexWords([atom.text]);
    if (parts.length > 1) return compileAtom({ type: 'phrase', words: parts }, hint);
  }
  if (atom.type === 'word') {
    const normalized = normalizeWord(atom.text);
    if (!normalized) return null;
    if (atom.prefix) {
      const loose = toLoose(normalized);
      return orGroup([`${ftsString(normalized)}*`, `${ftsString(loose)}*`]);
    }
    const analyzed = analyzeQueryWord(atom.text, hint);
    if (!analyzed.exact) return null;
    return orGroup([analyzed.exact, ...analyzed.stems, ...analyzed.loose].filter(Boolean).map(ftsString));
  }
  const words = indexWords(atom.words).map((word) => analyzeQueryWord(word, hint)).filter((w) => w.exact);
  if (words.length === 0) return null;
  if (words.length === 1) return orGroup([words[0]!.exact, ...words[0]!.stems, ...words[0]!.loose].map(ftsString));
  const exactPhrase = `"${words.map((w) => ftsString(w.exact).slice(1, -1)).join(' ')}"`;
  const loosePhrase = `"${words.map((w) => ftsString(w.loose[0] ?? w.exact).slice(1, -1)).join(' ')}"`;
  return orGroup([exactPhrase, loosePhrase]);
}

/** A phrase of words or a set of raw index tokens, as FTS5 syntax. */
function compileAlternative(alternative: QueryAlternative, hint: LanguageHint): string | null {
  if (alternative.tokens?.length) return orGroup(alternative.tokens.map(ftsString));
  if (alternative.words.length === 0) return null;
  return compileAtom(alternative.words.length === 1 ? { type: 'word', text: alternative.words[0]!, prefix: false } : { type: 'phrase', words: alternative.words }, alternative.lang ?? hint);
}

function atomText(atom: QueryAtom): string {
  return atom.type === 'word' ? atom.text : atom.words.join(' ');
}

/** The text of a clause that is one plain word (alternatives may replace it), else null. */
function plainWord(clause: QueryClause): string | null {
  const only = clause.alternatives.length === 1 ? clause.alternatives[0]! : null;
  return only && only.type === 'word' && !only.prefix ? only.text : null;
}

/**
 * Builds the MATCH expression of a parsed query: clauses AND-ed, alternatives OR-ed, excluded
 * atoms after NOT. Every user word becomes a quoted string, so no input is FTS5 syntax. Spans of
 * plain words with other spellings (options.alternatives) become one clause: the words AND-ed,
 * OR any alternative.
 */
export function compileQuery(query: ParsedQuery, hint: LanguageHint = null, options: CompileOptions = {}): CompiledQuery {
  const words = query.clauses.map(plainWord);
  // Only the sources asked for make a span: a span of words offered only a translation stays
  // separate words when translations are not used.
  const offered = options.alternatives
    ? options.alternatives(words, hint).map((span) => ({ ...span, alternatives: span.alternatives.filter((alternative) => !options.sources || options.sources.has(alternative.source)) }))
    : [];
  const spans = chooseSpans(words, offered);
  const spanAt = new Map(spans.map((span) => [span.start, span]));
  // Question and filler words outside a span are not required (the engine's plan) and not marked,
  // unless the query has nothing else.
  const inSpan = new Set(spans.flatMap((span) => Array.from({ length: span.end - span.start }, (_, k) => span.start + k)));
  const filler = words.map((word, i) => word !== null && !inSpan.has(i) && isFillerWord(word));
  const allFiller = filler.every(Boolean);
  // What snippets mark: the same forms the viewer's highlighter marks (one rule, in shared/).
  const highlight = matchFormsOf({ ...query, clauses: query.clauses.filter((_, i) => allFiller || !filler[i]) }, hint);
  const parts: CompiledClause[] = [];
  for (let i = 0; i < query.clauses.length; i++) {
    const span = spanAt.get(i);
    if (span) {
      const typed = query.clauses.slice(span.start, span.end).map((clause) => atomText(clause.alternatives[0]!));
      const own = typed.map((word) => compileAtom({ type: 'word', text: word, prefix: false }, hint)).filter((part): part is string => part !== null);
      const used = span.alternatives;
      const alternatives = used.map((alternative) => compileAlternative(alternative, hint)).filter((part): part is string => part !== null);
      const typedExpr = own.length === 0 ? null : own.length === 1 ? own[0]! : `(${own.join(' AND ')})`;
      const all = [...(typedExpr ? [typedExpr] : []), ...alternatives];
      // Snippets mark an alternative's words, but not its function words (the "және" of
      // "Білім және ғылым министрлігі" would light up every line).
      const markedWords = (alternative: QueryAlternative): string[] => (alternative.tokens?.length ? [] : alternative.words.filter((word) => !isFillerWord(word)));
      if (all.length) parts.push({ expr: orGroup(all), typed, sources: [...new Set(used.map((alternative) => alternative.source))], alternativeWords: used.flatMap(markedWords), filler: false });
      for (const alternative of used) {
        const marked = markedWords(alternative);
        if (marked.length) addAtomForms({ type: 'phrase', words: marked }, alternative.lang ?? hint, highlight);
      }
      i = span.end - 1;
      continue;
    }
    const clause = query.clauses[i]!;
    const alternatives = clause.alternatives.map((atom) => compileAtom(atom, hint)).filter((part): part is string => part !== null);
    if (alternatives.length) parts.push({ expr: orGroup(alternatives), typed: clause.alternatives.map(atomText), sources: [], alternativeWords: [], filler: filler[i]! });
  }
  const clauses = parts.map((part) => part.expr);
  const excludedParts = query.excluded.map((atom) => compileAtom(atom, hint)).filter((part): part is string => part !== null);
  const excluded = excludedParts.length ? orGroup(excludedParts) : null;
  if (clauses.length === 0) return { match: null, clauses, parts, excluded, highlight };
  const positive = clauses.length === 1 ? clauses[0]! : `(${clauses.join(' AND ')})`;
  const match = excluded ? `${positive} NOT ${excluded}` : positive;
  return { match, clauses, parts, excluded, highlight };
}
