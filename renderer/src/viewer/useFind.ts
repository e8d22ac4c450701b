/**
 * The highlighter a viewer marks with: the words typed in its find box when there are any,
 * otherwise the search words it was opened with. Typing is debounced so a 200-page document is
 * not rescanned on every keystroke; Enter flushes the pending text at once.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createHighlighter } from '../../../shared/search/highlight';
import type { Range } from './hits';

export type HighlighterFn = (text: string) => Range[];

/** Where the active marks come from: the caller's search words or the find box. */
export type HitSource = 'search' | 'find';

export interface FindState {
  /** The find box text as typed. */
  findText: string;
  setFindText(text: string): void;
  /** Applies the typed text now (Enter); returns true if it changed the active query. */
  flush(): boolean;
  /** The highlighter in force, or null when nothing is to be marked. */
  active: HighlighterFn | null;
  source: HitSource;
  /** True when the find box holds words that match nothing at all (not even as a query). */
  findIsEmptyQuery: boolean;
}

export const FIND_DEBOUNCE_MS = 180;

export function useFind(highlighter: HighlighterFn | null | undefined): FindState {
  const [findText, setFindText] = useState('');
  const [applied, setApplied] = useState('');

  useEffect(() => {
    const next = findText.trim();
    if (next === applied) return undefined;
    const timer = window.setTimeout(() => setApplied(next), FIND_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [findText, applied]);

  const flush = useCallback((): boolean => {
    const next = findText.trim();
    if (next === applied) return false;
    setApplied(next);
    return true;
  }, [findText, applied]);

  const findHighlighter = useMemo(() => (applied ? createHighlighter(applied) : null), [applied]);
  const source: HitSource = applied ? 'find' : 'search';
  const active = applied ? findHighlighter : (highlighter ?? null);
  return { findText, setFindText, flush, active, source, findIsEmptyQuery: applied !== '' && findHighlighter === null };
}
