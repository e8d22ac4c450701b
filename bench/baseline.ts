/**
 * The baseline the search benchmark compares against: plain FTS5 `unicode61` over the same page
 * texts, and a naive MATCH built from the query's words (each quoted, AND-ed — or OR-ed, `anyWord`; phrases kept;
 * filters dropped, since the baseline has no metadata). No stemming, no folding.
 */
export function baselineMatch(query: string, anyWord = false): string | null {
  const parts: string[] = [];
  const phrase = /"([^"]*)"/g;
  let rest = query.replace(phrase, (_, inner: string) => {
    const words = inner.match(/[\p{L}\p{N}]+/gu);
    if (words?.length) parts.push(`"${words.join(' ')}"`);
    return ' ';
  });
  rest = rest.replace(/\b[\p{L}]+:\S+/gu, ' ');
  for (const word of rest.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word === 'OR') continue;
    parts.push(`"${word}"`);
  }
  return parts.length ? parts.join(anyWord ? ' OR ' : ' AND ') : null;
}
