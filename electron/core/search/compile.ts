import { analyzeQueryWord } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { toLoose } from '../../../shared/search/loose';
import { indexWords, matchFormsOf, type MatchForms } from '../../../shared/search/highlight';
import type { ParsedQuery, QueryAtom } from '../../../shared/search/query';
import { normalizeWord } from '../../../shared/text/normalize';
import { ftsString } from './fts-forms';

export interface CompiledQuery {
  /** An FTS5 MATCH expression built only from quoted forms; null when nothing to match. */
  match: string | null;
  /** The AND-ed clauses of `match`, each as its own expression (empty when match is null). */
  clauses: string[];
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

/**
 * Builds the MATCH expression of a parsed query: clauses AND-ed, alternatives OR-ed, excluded
 * atoms after NOT. Every user word becomes a quoted string, so no input is FTS5 syntax.
 */
export function compileQuery(query: ParsedQuery, hint: LanguageHint = null): CompiledQuery {
  // What snippets mark: the same forms the viewer's highlighter marks (one rule, in shared/).
  const highlight = matchFormsOf(query, hint);
  const clauses: string[] = [];
  for (const clause of query.clauses) {
    const alternatives = clause.alternatives.map((atom) => compileAtom(atom, hint)).filter((part): part is string => part !== null);
    if (alternatives.length) clauses.push(orGroup(alternatives));
  }
  const excludedParts = query.excluded.map((atom) => compileAtom(atom, hint)).filter((part): part is string => part !== null);
  const excluded = excludedParts.length ? orGroup(excludedParts) : null;
  if (clauses.length === 0) return { match: null, clauses, excluded, highlight };
  const positive = clauses.length === 1 ? clauses[0]! : `(${clauses.join(' AND ')})`;
  const match = excluded ? `${positive} NOT ${excluded}` : positive;
  return { match, clauses, excluded, highlight };
}
