/**
 * Viewer for documents without a page image (DOCX, TXT, HTML…): the extracted text page by
 * page, with the search words marked, next/previous hit and find in document, the same way as
 * the PDF viewer.
 */
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { FindControls } from './controls';
import { hitOrdinal, normalizeRanges, splitText, stepHit, totalHits, type HitPosition, type Range } from './hits';
import { scrollToCenter } from './scroll';
import { useFind, type HighlighterFn } from './useFind';
import './viewer.css';

export interface TextViewerProps {
  /** The document's text, one entry per page (or section) in reading order. */
  pages: Array<{ page: number; text: string }>;
  /** `page` value of the entry to open at (the page of the search hit). */
  initialPage?: number;
  /**
   * Marks the search words: [start,end) ranges of matches in a text. null = nothing to mark.
   * Keep it stable (memoize it): a new function re-marks the whole document.
   */
  highlighter?: HighlighterFn | null;
  /** Called with the `page` value of the entry at the top when the user scrolls (optional). */
  onPageChange?: (page: number) => void;
}

export function TextViewer(props: TextViewerProps): ReactNode {
  const { pages, initialPage, highlighter, onPageChange } = props;
  const { t } = useI18n();
  const find = useFind(highlighter);
  const { active, source } = find;

  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState<HitPosition | null>(null);
  const [scrollToken, setScrollToken] = useState(0);
  const currentPageRef = useRef(1);

  // Internally a page is its 1-based position in `pages`; `page` values are only displayed.
  const startIndex = useMemo(() => {
    const index = initialPage === undefined ? -1 : pages.findIndex((entry) => entry.page === initialPage);
    return index >= 0 ? index + 1 : 1;
  }, [pages, initialPage]);

  const ranges = useMemo<Range[][]>(
    () => pages.map((entry) => (active ? normalizeRanges(active(entry.text), entry.text.length) : [])),
    [pages, active],
  );
  const counts = useMemo(() => ranges.map((list) => list.length), [ranges]);
  const total = totalHits(counts);

  const select = useCallback((position: HitPosition | null) => {
    setCurrent(position);
    if (position) setScrollToken((token) => token + 1);
  }, []);

  // New marks: the search words select the first hit on the opening page; find-as-you-type the
  // first hit from the page being read. Only a change of the marks re-selects (`counts` and
  // `source` follow from them), so they are read through a ref.
  const latest = useRef({ counts, source, startIndex });
  latest.current = { counts, source, startIndex };
  useEffect(() => {
    const { counts: nowCounts, source: nowSource, startIndex: start } = latest.current;
    if (!active) setCurrent(null);
    else if (nowSource === 'search') select((nowCounts[start - 1] ?? 0) > 0 ? { page: start, index: 0 } : null);
    else select(stepHit(nowCounts, null, 1, currentPageRef.current));
  }, [active, select]);

  // Open at the initial page before the first paint.
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const section = scroller?.querySelector<HTMLElement>(`[data-index="${startIndex}"]`);
    if (scroller && section && startIndex > 1) scroller.scrollTop = section.offsetTop - scroller.offsetTop;
    currentPageRef.current = startIndex;
  }, [startIndex]);

  useEffect(() => {
    if (scrollToken === 0) return;
    const scroller = scrollRef.current;
    const hit = scroller?.querySelector<HTMLElement>('.viewer-hit-current');
    if (scroller && hit) scrollToCenter(hit, scroller);
  }, [scrollToken]);

  const onScroll = (): void => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const probe = scroller.scrollTop + scroller.clientHeight * 0.25;
    let page = 1;
    for (const section of scroller.querySelectorAll<HTMLElement>('[data-index]')) {
      if (section.offsetTop - scroller.offsetTop > probe) break;
      page = Number(section.dataset.index);
    }
    if (page !== currentPageRef.current) {
      currentPageRef.current = page;
      const entry = pages[page - 1];
      if (entry) onPageChange?.(entry.page);
    }
  };

  const step = (direction: 1 | -1): void => select(stepHit(counts, current, direction, currentPageRef.current));

  const onEnter = (backwards: boolean): void => {
    // New text: the selection follows once it is applied (effect above); else move on.
    if (!find.flush()) step(backwards ? -1 : 1);
  };

  const clearFind = (): void => {
    find.setFindText('');
    scrollRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      findRef.current?.focus();
      findRef.current?.select();
    } else if (event.key === 'F3') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };

  const summary = active || find.findText.trim() ? { total, ordinal: current ? hitOrdinal(counts, current) : null, complete: true } : null;

  return (
    <div className="viewer viewer-text" onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <div className="viewer-toolbar-group viewer-toolbar-end">
          <FindControls
            t={t}
            inputRef={findRef}
            value={find.findText}
            onChange={find.setFindText}
            onEnter={onEnter}
            onNext={() => step(1)}
            onPrevious={() => step(-1)}
            onEscape={clearFind}
            summary={summary}
          />
        </div>
      </div>
      <div className="viewer-scroll viewer-text-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label={t('viewer.region')} onScroll={onScroll}>
        {pages.length === 0 ? (
          <p className="viewer-message">{t('viewer.empty')}</p>
        ) : (
          pages.map((entry, i) => (
            <section key={i} className="viewer-text-page" data-page-number={entry.page} data-index={i + 1} aria-label={t('viewer.page.label', { page: entry.page })}>
              {pages.length > 1 && <h2 className="viewer-text-heading">{t('viewer.page.heading', { page: entry.page })}</h2>}
              <div className="viewer-text-body">
                <MarkedText text={entry.text} ranges={ranges[i] ?? []} current={current?.page === i + 1 ? current.index : null} />
              </div>
            </section>
          ))
        )}
      </div>
    </div>
  );
}

/** A text with its ranges wrapped in <mark>; memo-free on purpose: pages re-render only on change. */
function MarkedText(props: { text: string; ranges: Range[]; current: number | null }): ReactNode {
  const { text, ranges, current } = props;
  if (ranges.length === 0) return text;
  return splitText(text, ranges).map((piece, i) =>
    piece.hit === null ? (
      <Fragment key={i}>{piece.text}</Fragment>
    ) : (
      <mark key={i} className={piece.hit === current ? 'viewer-hit viewer-hit-current' : 'viewer-hit'} data-hit={piece.hit}>
        {piece.text}
      </mark>
    ),
  );
}
