/**
 * The page thumbnails sidebar. Thumbnails are drawn only when scrolled into the sidebar, one at
 * a time (so they never hold up the main pages), then kept as small PNG blobs rather than
 * canvases: 200 canvases would cost tens of megabytes.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Translate } from '../../../shared/i18n';
import type { PdfDocumentCache } from './pdfjs';
import { PRIORITY } from './queue';

/** Thumbnail width in CSS pixels. */
const THUMB_WIDTH = 104;

export interface ThumbnailsProps {
  id: string;
  cache: PdfDocumentCache;
  /** Page sizes in PDF points. */
  sizes: ReadonlyArray<{ width: number; height: number }>;
  currentPage: number;
  /** Pages that contain hits (1-based page → true). */
  hitPages: ReadonlyArray<boolean>;
  /** Start drawing (after the first main page is up). */
  enabled: boolean;
  onSelect(page: number): void;
  t: Translate;
}

export function Thumbnails(props: ThumbnailsProps): ReactNode {
  const { id, cache, sizes, currentPage, hitPages, enabled, onSelect, t } = props;
  const listRef = useRef<HTMLOListElement>(null);
  const [images, setImages] = useState<ReadonlyMap<number, string>>(() => new Map());
  const [wanted, setWanted] = useState<ReadonlySet<number>>(() => new Set());
  const [focusPage, setFocusPage] = useState(currentPage);

  // Which thumbnails are (nearly) visible in the sidebar.
  useEffect(() => {
    const list = listRef.current;
    if (!list || !enabled) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const pages = entries.filter((entry) => entry.isIntersecting).map((entry) => Number((entry.target as HTMLElement).dataset.thumb));
        if (pages.length > 0) setWanted((old) => new Set([...old, ...pages]));
      },
      { root: list.parentElement, rootMargin: '300px 0px' },
    );
    list.querySelectorAll('[data-thumb]').forEach((element) => observer.observe(element));
    return () => observer.disconnect();
  }, [enabled, sizes.length]);

  // Draw the wanted thumbnails one by one, nearest to the current page first. Each finished
  // thumbnail updates `images`, which runs this again for the next one.
  const drawing = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (drawing.current) return;
    const next = [...wanted].filter((page) => !images.has(page)).sort((a, b) => Math.abs(a - currentPage) - Math.abs(b - currentPage))[0];
    if (next === undefined) return;
    drawing.current = true;
    drawThumbnail(cache, next)
      .catch(() => '') // a page that cannot be drawn keeps its numbered placeholder
      .then((url) => {
        drawing.current = false;
        if (mounted.current) setImages((old) => new Map(old).set(next, url));
        else if (url) URL.revokeObjectURL(url);
      });
  }, [wanted, images, cache, currentPage]);

  // Blob URLs are released with the sidebar.
  const imagesRef = useRef(images);
  imagesRef.current = images;
  useEffect(
    () => () => {
      for (const url of imagesRef.current.values()) if (url) URL.revokeObjectURL(url);
    },
    [],
  );

  // Keep the current page's thumbnail in sight (only the sidebar scrolls, never the app).
  useEffect(() => {
    setFocusPage(currentPage);
    const list = listRef.current;
    const scroller = list?.parentElement;
    const item = list?.querySelector<HTMLElement>(`[data-thumb="${currentPage}"]`);
    if (!scroller || !item) return;
    const top = item.offsetTop - scroller.offsetTop;
    if (top < scroller.scrollTop) scroller.scrollTop = top - 8;
    else if (top + item.offsetHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + item.offsetHeight - scroller.clientHeight + 8;
  }, [currentPage]);

  // One tab stop for the whole list; arrows move between thumbnails.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>): void => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    const page = Math.min(sizes.length, Math.max(1, focusPage + move));
    setFocusPage(page);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-thumb="${page}"] button`)?.focus();
  };

  return (
    <nav className="viewer-sidebar" id={id} aria-label={t('viewer.sidebar.label')}>
      <ol className="viewer-thumbs" ref={listRef} onKeyDown={onKeyDown}>
        {sizes.map((size, i) => {
          const page = i + 1;
          const image = images.get(page);
          const current = page === currentPage;
          return (
            <li key={page} data-thumb={page} className="viewer-thumb-item">
              <button
                type="button"
                className="viewer-thumb"
                aria-label={t('viewer.page.label', { page })}
                aria-current={current ? 'page' : undefined}
                tabIndex={page === focusPage ? 0 : -1}
                onClick={() => onSelect(page)}
                onFocus={() => setFocusPage(page)}
              >
                <span className="viewer-thumb-frame" style={{ width: `${THUMB_WIDTH}px`, height: `${Math.round((THUMB_WIDTH * size.height) / size.width)}px` }}>
                  {image ? <img src={image} alt="" draggable={false} /> : null}
                  {hitPages[page - 1] && <span className="viewer-thumb-hit" title={t('viewer.find.hitsOnPage')} />}
                </span>
                <span className="viewer-thumb-number">{page}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

async function drawThumbnail(cache: PdfDocumentCache, pageNumber: number): Promise<string> {
  const release = await cache.queue.acquire(PRIORITY.thumbnail);
  try {
    return await drawThumbnailNow(cache, pageNumber);
  } finally {
    release();
  }
}

async function drawThumbnailNow(cache: PdfDocumentCache, pageNumber: number): Promise<string> {
  const page = await cache.page(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const viewport = page.getViewport({ scale: (THUMB_WIDTH / base.width) * ratio });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width));
  canvas.height = Math.max(1, Math.floor(viewport.height));
  await page.render({ canvas, viewport }).promise;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  // Release the pixels right away.
  canvas.width = 0;
  canvas.height = 0;
  if (!blob) throw new Error('toBlob failed');
  return URL.createObjectURL(blob);
}
