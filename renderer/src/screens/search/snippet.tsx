/**
 * Snippets come from the core with matches marked `[like this]`. A bracket in the document's own
 * text (`[1]`, `[жойылды]`) must not turn into a highlight, so a bracketed part is shown as a
 * mark only when the query's highlighter recognises it as a match; anything else keeps its
 * brackets, as in the original.
 */
import type { ReactNode } from 'react';
import type { Highlighter } from '../../../../shared/search/highlight';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

export function splitSnippet(snippet: string, highlighter: Highlighter | null): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /\[([^[\]]+)\]/g;
  let cursor = 0;
  for (let match = pattern.exec(snippet); match; match = pattern.exec(snippet)) {
    const inner = match[1] ?? '';
    const isMatch = highlighter ? highlighter(inner).some((range) => range.start === 0 && range.end === inner.length) : true;
    if (!isMatch) continue;
    if (match.index > cursor) parts.push({ text: snippet.slice(cursor, match.index), mark: false });
    parts.push({ text: inner, mark: true });
    cursor = match.index + match[0].length;
  }
  if (cursor < snippet.length) parts.push({ text: snippet.slice(cursor), mark: false });
  // Merge neighbours of the same kind so the DOM stays small.
  return parts.reduce<SnippetPart[]>((merged, part) => {
    const last = merged[merged.length - 1];
    if (last && last.mark === part.mark && !part.mark) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}

export function Snippet(props: { text: string; highlighter: Highlighter | null }): ReactNode {
  return (
    <>
      {splitSnippet(props.text, props.highlighter).map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </>
  );
}
