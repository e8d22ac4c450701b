import { findMatches, type MarkedRange, type MatchForms } from '../../../shared/search/highlight';
import type { LanguageHint } from '../../../shared/search/language';

/**
 * Matches in the stretch of text that the snippet can show: the text is analyzed in windows
 * until the first match, then only as far as one snippet width beyond it (a passage is a few
 * KB, and twenty hits with three pages each are analyzed for every search).
 */
function findMatchesNearFirst(text: string, forms: MatchForms, lang: LanguageHint, width: number): MarkedRange[] {
  const step = Math.max(400, width * 2);
  for (let from = 0; from < text.length; from += step) {
    // Start windows at a space so no word is cut (the previous window saw the word before it).
    let start = from;
    while (start > 0 && start < text.length && /\S/.test(text[start - 1] ?? '')) start--;
    const end = Math.min(text.length, from + step);
    let stop = end;
    while (stop < text.length && /\S/.test(text[stop] ?? '')) stop++;
    const found = findMatches(text.slice(start, stop), forms, lang);
    if (found.length === 0) continue;
    const firstStart = start + found[0]!.start;
    const limit = Math.min(text.length, firstStart + width * 2);
    let tail = limit;
    while (tail < text.length && /\S/.test(text[tail] ?? '')) tail++;
    // The window already holds the matches up to `stop`; only text beyond it is analyzed again.
    // `stop` and `tail` are at whitespace, which no token spans, so the two parts cut no word.
    const matches = found.filter((range) => start + range.end <= tail).map((range) => ({ start: start + range.start, end: start + range.end }));
    if (tail > stop) {
      for (const range of findMatches(text.slice(stop, tail), forms, lang)) matches.push({ start: stop + range.start, end: stop + range.end });
    }
    return matches;
  }
  return [];
}

export const SNIPPET_OPEN = '[';
export const SNIPPET_CLOSE = ']';

/**
 * A window of the original text around the densest cluster of matches, every match in it
 * marked `[like this]`, whitespace folded, cut at word boundaries with `…` where text goes on.
 */
export function makeSnippet(text: string, forms: MatchForms, lang: LanguageHint, width = 240): string {
  const matches = findMatchesNearFirst(text, forms, lang, width);
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
