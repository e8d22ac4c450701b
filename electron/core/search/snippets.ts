import { analyze, type AnalyzedToken } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import type { MatchForms } from './compile';

export interface MarkedRange {
  start: number;
  end: number;
}

export function tokenMatches(token: AnalyzedToken, forms: MatchForms): boolean {
  if (forms.exact.has(token.exact) || forms.stem.has(token.stem) || forms.loose.has(token.loose)) return true;
  for (const prefix of forms.exactPrefixes) if (token.exact.startsWith(prefix)) return true;
  for (const prefix of forms.loosePrefixes) if (token.loose.startsWith(prefix)) return true;
  return false;
}

/** Ranges of `text` (offsets into the original) that match the query, inflected and folded forms too. */
export function findMatches(text: string, forms: MatchForms, lang: LanguageHint): MarkedRange[] {
  return analyze(text, lang)
    .filter((token) => tokenMatches(token, forms))
    .map((token) => ({ start: token.start, end: token.end }));
}

export const SNIPPET_OPEN = '[';
export const SNIPPET_CLOSE = ']';

/**
 * A window of the original text around the densest cluster of matches, every match in it
 * marked `[like this]`, whitespace folded, cut at word boundaries with `…` where text goes on.
 */
export function makeSnippet(text: string, forms: MatchForms, lang: LanguageHint, width = 240): string {
  const matches = findMatches(text, forms, lang);
  let center = 0;
  if (matches.length) {
    // The match with the most other matches within one window after it.
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < matches.length; i++) {
      while (j < matches.length && matches[j]!.start - matches[i]!.start < width * 0.6) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    center = matches[best]!.start;
  }
  let start = Math.max(0, center - Math.floor(width * 0.3));
  let end = Math.min(text.length, start + width);
  while (start > 0 && /\S/.test(text[start - 1] ?? '')) start--;
  while (end < text.length && /\S/.test(text[end] ?? '')) end++;
  let out = '';
  let cursor = start;
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    out += text.slice(cursor, match.start) + SNIPPET_OPEN + text.slice(match.start, match.end) + SNIPPET_CLOSE;
    cursor = match.end;
  }
  out += text.slice(cursor, end);
  return (start > 0 ? '…' : '') + out.replace(/\s+/g, ' ').trim() + (end < text.length ? '…' : '');
}
