/**
 * The PDF viewer: pages drawn by pdf.js with a selectable text layer, thumbnails, zoom, page
 * navigation, the search words marked on the pages with next/previous hit, and find in
 * document with the same matching rules as the archive search.
 *
 * Only pages near the viewport are drawn (a 200-page law opens as fast as a one-page order);
 * every page's text is scanned in the background so the hit counter covers the whole document.
 *
 * Scanned pages whose text was recognised (OCR) take their text from the recognised words
 * instead of pdf.js: the hit scanner matches on them and the page lays them over its picture.
 */
import { PasswordResponses } from 'pdfjs-dist';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { Translate } from '../../../shared/i18n';
import { useI18n } from '../i18n';
import { FindControls, ToolButton, type HitSummary } from './controls';
import { classifyLoadError, LOAD_ERROR_MESSAGES, type LoadErrorKind } from './errors';
import { hitOrdinal, normalizeRanges, scanOrder, stepHit, totalHits, type HitPosition, type Range } from './hits';
import {
  CSS_UNITS,
  fitWidthZoom,
  mostVisiblePage,
  PAGE_GAP,
  pageTops,
  visibleRange,
  zoomInStep,
  zoomOutStep,
  type ZoomSetting,
} from './layout';
import { ocrHitRanges, type OcrSource } from './ocr';
import { PdfPage, type PageMode } from './PdfPage';
import { openPdf, PdfDocumentCache, warmUpPdfWorker } from './pdfjs';
import { Thumbnails } from './Thumbnails';
import { useFind, type HighlighterFn, type HitSource } from './useFind';
import './viewer.css';

export interface PdfViewerProps {
  /** URL of the PDF bytes (same origin; e.g. `/files/<documentId>` in browser mode). */
  url: string;
  /** 1-based page to open at (the page of the search hit). */
  initialPage?: number;
  /**
   * Marks the search words: returns [start,end) ranges of matches in a text. null = nothing to
   * mark. Keep it stable (memoize it): a new function rescans the whole document.
   */
  highlighter?: HighlighterFn | null;
  /** Called with the current page when the user navigates (optional). */
  onPageChange?: (page: number) => void;
  /** Show the thumbnails sidebar at first (default: when the viewer is at least 880 px wide). */
  defaultSidebar?: boolean;
  /**
   * The document's OCR pages and their recognised words (null: none). Keep it stable: a new
   * source rescans the hits and reloads the words of the pages on screen.
   */
  ocr?: OcrSource | null;
}

// The app mounts the viewer right after a search; start pdf.js's worker as soon as the viewer
// code is loaded so the first document does not pay for it. (Browsers without workers, such as
// the unit-test DOM, never import this module.)
if (typeof Worker !== 'undefined') warmUpPdfWorker();

interface PageSize {
  width: number;
  height: number;
}

type LoadState =
  | { status: 'loading' }
  | { status: 'password'; incorrect: boolean; submit(password: string): void }
  | { status: 'error'; kind: LoadErrorKind }
  | { status: 'ready'; cache: PdfDocumentCache; defaultSize: PageSize };

export function PdfViewer(props: PdfViewerProps): ReactNode {
  const { url, initialPage, highlighter, onPageChange, defaultSidebar, ocr } = props;
  const { t } = useI18n();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const initialPageRef = useRef(initialPage);
  initialPageRef.current = initialPage;

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    const task = openPdf(url);
    task.onPassword = (update: (password: string) => void, reason: number) => {
      if (cancelled) return;
      setState({
        status: 'password',
        incorrect: reason === PasswordResponses.INCORRECT_PASSWORD,
        submit: (password) => {
          setState({ status: 'loading' });
          update(password);
        },
      });
    };
    task.promise
      .then(async (doc) => {
        const cache = new PdfDocumentCache(doc);
        // Every page is laid out at the opening page's size until its own is known: one
        // round-trip instead of one per page before anything shows.
        const first = await cache.page(Math.min(Math.max(initialPageRef.current ?? 1, 1), doc.numPages));
        const viewport = first.getViewport({ scale: 1 });
        if (!cancelled) setState({ status: 'ready', cache, defaultSize: { width: viewport.width, height: viewport.height } });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        console.error('PDF could not be opened', error);
        setState({ status: 'error', kind: classifyLoadError(error) });
      });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url, attempt]);

  if (state.status === 'ready') {
    return (
      <PdfDocumentView
        key={attempt}
        cache={state.cache}
        defaultSize={state.defaultSize}
        initialPage={initialPage}
        highlighter={highlighter}
        onPageChange={onPageChange}
        defaultSidebar={defaultSidebar}
        ocr={ocr ?? null}
        t={t}
      />
    );
  }
  return (
    <div className="viewer viewer-pdf">
      <div className="viewer-status" aria-live="polite" aria-busy={state.status === 'loading'}>
        {state.status === 'loading' && (
          <p className="viewer-message">
            <span className="viewer-spinner" aria-hidden="true" />
            {t('viewer.loading')}
          </p>
        )}
        {state.status === 'error' && (
          <div className="viewer-error" role="alert">
            <h2 className="viewer-error-title">{t('viewer.error.title')}</h2>
            <p className="viewer-error-text">{t(LOAD_ERROR_MESSAGES[state.kind])}</p>
            {(state.kind === 'network' || state.kind === 'generic') && (
              <button type="button" className="viewer-text-button" onClick={() => setAttempt((n) => n + 1)}>
                {t('viewer.retry')}
              </button>
            )}
          </div>
        )}
        {state.status === 'password' && <PasswordForm t={t} incorrect={state.incorrect} onSubmit={state.submit} />}
      </div>
    </div>
  );
}

function PasswordForm(props: { t: Translate; incorrect: boolean; onSubmit(password: string): void }): ReactNode {
  const { t, incorrect, onSubmit } = props;
  const [password, setPassword] = useState('');
  const id = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (password) onSubmit(password);
  };
  return (
    <form className="viewer-password" onSubmit={submit}>
      <p className="viewer-error-text">{t('viewer.password.prompt')}</p>
      {incorrect && (
        <p className="viewer-password-wrong" role="alert">
          {t('viewer.password.incorrect')}
        </p>
      )}
      <label htmlFor={id} className="viewer-password-label">
        {t('viewer.password.label')}
      </label>
      <div className="viewer-password-row">
        <input
          id={id}
          type="password"
          className="viewer-input"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoFocus
          autoComplete="off"
        />
        <button type="submit" className="viewer-text-button" disabled={!password}>
          {t('viewer.password.submit')}
        </button>
      </div>
    </form>
  );
}

interface HitScan {
  /** ranges[page - 1]: that page's hits; undefined while not scanned. */
  ranges: ReadonlyArray<Range[] | undefined>;
  complete: boolean;
}

interface ViewState {
  first: number;
  last: number;
  /** 0-based current page. */
  current: number;
}

const NO_HITS: HitScan = { ranges: [], complete: true };

function PdfDocumentView(props: {
  cache: PdfDocumentCache;
  defaultSize: PageSize;
  initialPage: number | undefined;
  highlighter: HighlighterFn | null | undefined;
  onPageChange: ((page: number) => void) | undefined;
  defaultSidebar: boolean | undefined;
  ocr: OcrSource | null;
  t: Translate;
}): ReactNode {
  const { cache, defaultSize, initialPage, highlighter, onPageChange, defaultSidebar, ocr, t } = props;
  const numPages = cache.doc.numPages;
  const startPage = Math.min(Math.max(Math.round(initialPage ?? 1), 1), numPages);
  const sidebarId = useId();

  const rootRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);

  // ---- Geometry -------------------------------------------------------------------------
  const [sizes, setSizes] = useState<PageSize[]>(() => Array.from({ length: numPages }, () => defaultSize));
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [zoom, setZoom] = useState<ZoomSetting>({ mode: 'fit-width' });
  const [sidebar, setSidebar] = useState<boolean | null>(defaultSidebar ?? null);

  // Real page sizes arrive as pages are fetched; applied in batches, one layout per frame.
  useEffect(() => {
    const pending = new Map<number, PageSize>();
    let frame = 0;
    const unsubscribe = cache.onPage((pageNumber, page) => {
      const { width, height } = page.getViewport({ scale: 1 });
      pending.set(pageNumber, { width, height });
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setSizes((old) => {
          let next = old;
          for (const [n, size] of pending) {
            const current = old[n - 1];
            if (current && (Math.abs(current.width - size.width) > 0.5 || Math.abs(current.height - size.height) > 0.5)) {
              if (next === old) next = [...old];
              next[n - 1] = size;
            }
          }
          pending.clear();
          return next;
        });
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [cache]);

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return undefined;
    const measure = (): void => setBox({ width: scroller.clientWidth, height: scroller.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const root = rootRef.current;
    if (sidebar === null && root) setSidebar(root.clientWidth >= 880);
  }, [sidebar]);

  const zoomValue = zoom.mode === 'fit-width' ? fitWidthZoom(box.width, defaultSize.width) : zoom.zoom;
  const scale = zoomValue * CSS_UNITS;
  const heights = useMemo(() => sizes.map((size) => Math.floor(size.height * scale)), [sizes, scale]);
  const tops = useMemo(() => pageTops(heights), [heights]);
  const ready = box.width > 0;

  // ---- Scrolling and the current page ----------------------------------------------------
  const [view, setView] = useState<ViewState>({ first: startPage - 1, last: startPage - 1, current: startPage - 1 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const layoutRef = useRef({ tops, heights, scale });

  const computeView = useCallback((): void => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const { tops: nowTops, heights: nowHeights } = layoutRef.current;
    const { first, last } = visibleRange(nowTops, nowHeights, scroller.scrollTop, scroller.clientHeight);
    const current = mostVisiblePage(nowTops, nowHeights, scroller.scrollTop, scroller.clientHeight);
    const old = viewRef.current;
    if (old.first !== first || old.last !== last || old.current !== current) {
      // Updated at once, not on the next render: a second PageDown right after the first must
      // start from the page the first one went to.
      viewRef.current = { first, last, current };
      setView(viewRef.current);
    }
  }, []);

  const frame = useRef(0);
  const onScroll = (): void => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      computeView();
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const goToPage = useCallback((page: number): void => {
    const scroller = scrollRef.current;
    const top = layoutRef.current.tops[page - 1];
    if (!scroller || top === undefined) return;
    scroller.scrollTop = Math.max(0, top - PAGE_GAP / 2);
    computeView();
  }, [computeView]);

  // Zooming keeps the same spot of the same page under the top of the viewport.
  const opened = useRef(false);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    const previous = layoutRef.current;
    layoutRef.current = { tops, heights, scale };
    if (!scroller || !ready) return;
    if (!opened.current) {
      opened.current = true;
      goToPage(startPage);
    } else if (previous.scale !== scale) {
      const page = viewRef.current.current;
      const oldTop = previous.tops[page] ?? 0;
      const oldHeight = previous.heights[page] || 1;
      const fraction = (scroller.scrollTop - oldTop) / oldHeight;
      scroller.scrollTop = (tops[page] ?? 0) + fraction * (heights[page] ?? 0);
      scroller.scrollLeft = scroller.scrollLeft * (scale / previous.scale);
    }
    computeView();
    // `startPage` is read on the first layout only, so it is not a trigger.
  }, [tops, heights, scale, ready, goToPage, computeView]);

  const currentPage = view.current + 1;
  const reportedPage = useRef(startPage);
  useEffect(() => {
    if (currentPage === reportedPage.current) return;
    reportedPage.current = currentPage;
    onPageChange?.(currentPage);
  }, [currentPage, onPageChange]);

  // ---- Hits -------------------------------------------------------------------------------
  const find = useFind(highlighter);
  const { active, source } = find;
  const [scan, setScan] = useState<HitScan>(NO_HITS);
  const [current, setCurrent] = useState<HitPosition | null>(null);
  const [scrollToken, setScrollToken] = useState(0);
  const userMoved = useRef(false);
  const countsOf = (ranges: ReadonlyArray<Range[] | undefined>): Array<number | undefined> => ranges.map((list) => list?.length);
  const counts = useMemo(() => countsOf(scan.ranges), [scan]);

  const select = useCallback(
    (position: HitPosition | null): void => {
      setCurrent(position);
      if (!position) return;
      setScrollToken((token) => token + 1);
      const { first, last } = viewRef.current;
      // Bring a far page into view first; the page scrolls to the hit once its text is up.
      if (position.page - 1 < first || position.page - 1 > last) goToPage(position.page);
    },
    [goToPage],
  );

  // A page's hits: over the recognised words on an OCR page, else over pdf.js's text.
  const hitsOfPage = useCallback(
    async (page: number, highlight: HighlighterFn): Promise<Range[]> => {
      if (ocr?.has(page)) {
        const words = await ocr.text(page).catch(() => null);
        return words ? ocrHitRanges(words, highlight) : [];
      }
      const data = await cache.text(page).catch(() => null);
      return data ? normalizeRanges(highlight(data.pageText.text), data.pageText.text.length) : [];
    },
    [cache, ocr],
  );

  // Scan every page's text for the active marks: the opening (or current) page first, then
  // on through the document. State is published in batches so 200 pages are not 200 renders.
  const scanStart = useRef<{ source: HitSource; page: number }>({ source: 'search', page: startPage });
  scanStart.current = { source, page: source === 'search' ? startPage : viewRef.current.current + 1 };
  useEffect(() => {
    setCurrent(null);
    userMoved.current = false;
    if (!active) {
      setScan(NO_HITS);
      return undefined;
    }
    let cancelled = false;
    const ranges: Array<Range[] | undefined> = Array.from({ length: numPages }, () => undefined);
    setScan({ ranges: [...ranges], complete: false });
    const { source: scanSource, page: fromPage } = scanStart.current;
    (async () => {
      let selected = false;
      let published = performance.now();
      for (const page of scanOrder(numPages, fromPage)) {
        const pageRanges = await hitsOfPage(page, active);
        if (cancelled) return;
        ranges[page - 1] = pageRanges;
        // Search words: the first hit on the opening page. Find: the first hit from the page
        // being read. Never once the user has moved on their own.
        const pick = !selected && !userMoved.current && (scanSource === 'search' ? page === fromPage : pageRanges.length > 0);
        if (pick || performance.now() - published > 150) {
          setScan({ ranges: [...ranges], complete: false });
          published = performance.now();
        }
        if (pick) {
          selected = true;
          if (pageRanges.length > 0) select({ page, index: 0 });
        }
        // Let rendering and input in between pages.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) return;
      }
      setScan({ ranges: [...ranges], complete: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [active, cache, numPages, select, hitsOfPage]);

  const step = useCallback(
    (direction: 1 | -1): void => {
      userMoved.current = true;
      select(stepHit(counts, current, direction, viewRef.current.current + 1));
    },
    [counts, current, select],
  );

  // A new initial page for the same document (another hit chosen in the results).
  const lastInitial = useRef(startPage);
  useEffect(() => {
    if (startPage === lastInitial.current) return;
    lastInitial.current = startPage;
    if (startPage === viewRef.current.current + 1) return;
    goToPage(startPage);
    if ((counts[startPage - 1] ?? 0) > 0) select({ page: startPage, index: 0 });
  }, [startPage, counts, goToPage, select]);

  const total = totalHits(counts);
  const summary: HitSummary | null = active
    ? { total, ordinal: current ? hitOrdinal(counts, current) : null, complete: scan.complete }
    : find.findText.trim() !== '' && find.findIsEmptyQuery
      ? { total: 0, ordinal: null, complete: true }
      : null;
  const hitPages = useMemo(() => scan.ranges.map((list) => (list?.length ?? 0) > 0), [scan]);

  // ---- Commands ---------------------------------------------------------------------------
  const setCustomZoom = (value: number): void => setZoom({ mode: 'custom', zoom: value });
  const [pageInput, setPageInput] = useState<string | null>(null);

  const submitPageInput = (): void => {
    const page = Number.parseInt(pageInput ?? '', 10);
    setPageInput(null);
    if (Number.isFinite(page)) goToPage(Math.min(Math.max(page, 1), numPages));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'f') {
      event.preventDefault();
      findRef.current?.focus();
      findRef.current?.select();
      return;
    }
    if (key === 'F3') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
      return;
    }
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey || event.altKey || target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const page = viewRef.current.current + 1;
    const to = key === 'PageDown' ? page + 1 : key === 'PageUp' ? page - 1 : key === 'Home' ? 1 : key === 'End' ? numPages : null;
    if (to === null) return;
    event.preventDefault();
    goToPage(Math.min(Math.max(to, 1), numPages));
  };

  const modeOf = (index: number): PageMode => {
    if (!ready) return 'drop';
    if (index >= view.first - 1 && index <= view.last + 1) return 'render';
    if (index >= view.first - 4 && index <= view.last + 4) return 'keep';
    return 'drop';
  };

  // Thumbnails start a moment after the first page, so they never delay it.
  const [thumbsOn, setThumbsOn] = useState(false);
  useEffect(() => {
    if (!ready) return undefined;
    const timer = window.setTimeout(() => setThumbsOn(true), 400);
    return () => window.clearTimeout(timer);
  }, [ready]);

  const showSidebar = sidebar === true;
  const zoomPercent = `${Math.round(zoomValue * 100)}%`;

  return (
    <div className="viewer viewer-pdf" ref={rootRef} onKeyDown={onKeyDown}>
      <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
        <div className="viewer-toolbar-group">
          <ToolButton
            icon="sidebar"
            label={t(showSidebar ? 'viewer.sidebar.hide' : 'viewer.sidebar.show')}
            onClick={() => setSidebar(!showSidebar)}
            pressed={showSidebar}
            controls={sidebarId}
          />
        </div>
        <div className="viewer-toolbar-group">
          <ToolButton icon="prev" label={t('viewer.page.previous')} onClick={() => goToPage(currentPage - 1)} disabled={currentPage <= 1} />
          <span className="viewer-page-field">
            <input
              className="viewer-input viewer-page-input"
              inputMode="numeric"
              aria-label={t('viewer.page.input')}
              value={pageInput ?? String(currentPage)}
              size={Math.max(2, String(numPages).length)}
              onFocus={(event) => event.target.select()}
              onChange={(event) => setPageInput(event.target.value.replace(/\D+/g, ''))}
              onBlur={() => setPageInput(null)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  submitPageInput();
                } else if (event.key === 'Escape') {
                  setPageInput(null);
                }
              }}
            />
            <span className="viewer-page-total">{t('viewer.page.total', { total: numPages })}</span>
          </span>
          <ToolButton icon="next" label={t('viewer.page.next')} onClick={() => goToPage(currentPage + 1)} disabled={currentPage >= numPages} />
        </div>
        <div className="viewer-toolbar-group">
          <ToolButton icon="zoomOut" label={t('viewer.zoom.out')} onClick={() => setCustomZoom(zoomOutStep(zoomValue))} disabled={zoomValue <= 0.25} />
          <output className="viewer-zoom-level" aria-label={t('viewer.zoom.level')}>
            {zoomPercent}
          </output>
          <ToolButton icon="zoomIn" label={t('viewer.zoom.in')} onClick={() => setCustomZoom(zoomInStep(zoomValue))} disabled={zoomValue >= 4} />
          <ToolButton icon="fitWidth" label={t('viewer.zoom.fitWidth')} onClick={() => setZoom({ mode: 'fit-width' })} pressed={zoom.mode === 'fit-width'} />
          <ToolButton
            icon="actualSize"
            label={t('viewer.zoom.actual')}
            onClick={() => setCustomZoom(1)}
            pressed={zoom.mode === 'custom' && zoom.zoom === 1}
          />
        </div>
        <div className="viewer-toolbar-group viewer-toolbar-end">
          <FindControls
            t={t}
            inputRef={findRef}
            value={find.findText}
            onChange={find.setFindText}
            onEnter={(backwards) => {
              if (!find.flush()) step(backwards ? -1 : 1);
            }}
            onNext={() => step(1)}
            onPrevious={() => step(-1)}
            onEscape={() => {
              find.setFindText('');
              scrollRef.current?.focus();
            }}
            summary={summary}
          />
        </div>
      </div>
      <div className="viewer-body">
        {showSidebar && (
          <Thumbnails
            id={sidebarId}
            cache={cache}
            sizes={sizes}
            currentPage={currentPage}
            hitPages={hitPages}
            enabled={thumbsOn}
            onSelect={goToPage}
            t={t}
          />
        )}
        <div className="viewer-scroll" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label={t('viewer.region')}>
          <div className="viewer-pages">
            {sizes.map((size, i) => {
              const page = i + 1;
              return (
                <PdfPage
                  key={page}
                  cache={cache}
                  pageNumber={page}
                  width={size.width}
                  height={size.height}
                  scale={scale}
                  mode={modeOf(i)}
                  visible={i >= view.first && i <= view.last}
                  ranges={scan.ranges[i]}
                  currentHit={current?.page === page ? current.index : null}
                  scrollToken={current?.page === page ? scrollToken : 0}
                  label={t('viewer.page.label', { page })}
                  errorText={t('viewer.page.error')}
                  ocr={ocr?.has(page) ? ocr : null}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
