/**
 * One page of the PDF viewer: a placeholder of the page's size that, when near the viewport,
 * gets its canvas and text layer, and marks the hits of its text. Drawing is imperative (pdf.js
 * owns the canvas and the text-layer DOM); React only owns the page box.
 *
 * A page whose text was recognised from the scan (OCR) gets the recognised words (OcrLayer)
 * instead of pdf.js's text layer: a scan has no text of its own, or only a garbled one.
 */
import { TextLayer, type RenderTask } from 'pdfjs-dist';
import { memo, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Range } from './hits';
import { outputScale } from './layout';
import { CURRENT_HIT_CLASS, markCurrentHit, markTextLayer } from './marks';
import type { OcrPageText, OcrSource } from './ocr';
import { OcrLayer } from './OcrLayer';
import { PRIORITY } from './queue';
import { scrollToCenter } from './scroll';
import type { PageTextData, PdfDocumentCache } from './pdfjs';

/** render: draw now; keep: keep what is drawn (near the viewport); drop: free the canvas. */
export type PageMode = 'render' | 'keep' | 'drop';

export interface PdfPageProps {
  cache: PdfDocumentCache;
  pageNumber: number;
  /** Page size in PDF points (rotation applied). */
  width: number;
  height: number;
  /** pdf.js viewport scale (CSS pixels per PDF point). */
  scale: number;
  mode: PageMode;
  /** On screen (drawn first) or a neighbour drawn ahead of scrolling. */
  visible: boolean;
  /** This page's hit ranges over its joined text, or undefined while not scanned. */
  ranges: Range[] | undefined;
  /** Index of the current hit if it is on this page. */
  currentHit: number | null;
  /** Changes whenever the current hit must be scrolled into view. */
  scrollToken: number;
  label: string;
  errorText: string;
  /** Where this page's recognised words come from when its text is OCR, else null. */
  ocr: OcrSource | null;
}

interface TextLayerState {
  layer: TextLayer;
  div: HTMLDivElement;
  data: PageTextData;
  scale: number;
  marked: Set<number>;
}

function isCancellation(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'RenderingCancelledException' || name === 'AbortException' || name === 'AbortError';
}

export const PdfPage = memo(function PdfPage(props: PdfPageProps): ReactNode {
  const { cache, pageNumber, width, height, scale, mode, visible, ranges, currentHit, scrollToken, label, errorText, ocr } = props;
  const pageRef = useRef<HTMLDivElement>(null);
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);
  const drawnScale = useRef<number | null>(null);
  const textLayer = useRef<TextLayerState | null>(null);
  const handledToken = useRef(0);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  // Read when the page queues for drawing; a change of priority alone must not restart a draw.
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const [rendered, setRendered] = useState(false);
  const [textVersion, setTextVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  // The words of an OCR page, with the source they came from: a stale source's words never show.
  const [ocrText, setOcrText] = useState<{ source: OcrSource; text: OcrPageText | null } | null>(null);
  const isOcr = ocr !== null;

  // Free everything once the page is far from the viewport: a 200-page law must not hold 200
  // full-size canvases.
  useEffect(() => {
    if (mode !== 'drop') return;
    canvasHost.current?.replaceChildren();
    textHost.current?.replaceChildren();
    textLayer.current?.layer.cancel();
    textLayer.current = null;
    drawnScale.current = null;
    setRendered(false);
    setTextVersion(0);
    setOcrText(null);
  }, [mode]);

  // The canvas: drawn off-screen and swapped in when complete, so zooming shows the old
  // (stretched) picture instead of a white page while the new one is drawn.
  useEffect(() => {
    if (mode !== 'render' || drawnScale.current === scale) return undefined;
    let cancelled = false;
    let task: RenderTask | null = null;
    const abort = new AbortController();
    (async () => {
      const release = await cache.queue.acquire(visibleRef.current ? PRIORITY.visible : PRIORITY.nearby, abort.signal);
      try {
        await draw();
      } finally {
        release();
      }
    })().catch((error: unknown) => {
      if (cancelled || isCancellation(error)) return;
      console.error(`Page ${pageNumber} could not be rendered`, error);
      setFailed(true);
    });
    async function draw(): Promise<void> {
      const page = await cache.page(pageNumber);
      if (cancelled) return;
      const viewport = page.getViewport({ scale });
      const ratio = outputScale(viewport.width, viewport.height, window.devicePixelRatio);
      const canvas = document.createElement('canvas');
      canvas.className = 'viewer-canvas';
      canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
      canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
      canvas.setAttribute('aria-hidden', 'true');
      const sx = canvas.width / viewport.width;
      const sy = canvas.height / viewport.height;
      task = page.render({ canvas, viewport, transform: sx !== 1 || sy !== 1 ? [sx, 0, 0, sy, 0, 0] : undefined });
      await task.promise;
      if (cancelled) return;
      canvasHost.current?.replaceChildren(canvas);
      drawnScale.current = scale;
      setFailed(false);
      setRendered(true);
    }
    return () => {
      cancelled = true;
      abort.abort();
      task?.cancel();
    };
  }, [cache, pageNumber, scale, mode]);

  // The text layer, built once the canvas is up (the picture matters first), then only
  // re-measured on zoom. Its boxes are sized in CSS from --total-scale-factor.
  useEffect(() => {
    if (isOcr || mode !== 'render' || !rendered || textLayer.current) return undefined;
    let cancelled = false;
    let layer: TextLayer | null = null;
    (async () => {
      const [page, data] = await Promise.all([cache.page(pageNumber), cache.text(pageNumber)]);
      if (cancelled) return;
      const div = document.createElement('div');
      div.className = 'viewer-textlayer';
      const layerScale = scaleRef.current;
      layer = new TextLayer({ textContentSource: data.content, container: div, viewport: page.getViewport({ scale: layerScale }) });
      await layer.render();
      if (cancelled) return;
      textHost.current?.replaceChildren(div);
      textLayer.current = { layer, div, data, scale: layerScale, marked: new Set() };
      setTextVersion((version) => version + 1);
    })().catch((error: unknown) => {
      if (!cancelled && !isCancellation(error)) console.error(`Text layer of page ${pageNumber} failed`, error);
    });
    return () => {
      cancelled = true;
      if (layer && textLayer.current?.layer !== layer) layer.cancel();
    };
  }, [cache, pageNumber, mode, rendered, isOcr]);

  // A page recognised while on screen trades its pdf.js text for the OCR words.
  useEffect(() => {
    if (!isOcr || !textLayer.current) return;
    textLayer.current.layer.cancel();
    textLayer.current = null;
    textHost.current?.replaceChildren();
    setTextVersion(0);
  }, [isOcr]);

  // OCR words: fetched when the page is drawn (cached per document, so once per page); an
  // answer arriving after the page left or the source changed is dropped.
  useEffect(() => {
    if (!ocr || mode !== 'render') return undefined;
    let cancelled = false;
    ocr.text(pageNumber).then(
      (text) => {
        if (!cancelled) setOcrText({ source: ocr, text });
      },
      (error: unknown) => {
        if (!cancelled && !isCancellation(error)) console.error(`Recognised words of page ${pageNumber} could not be loaded`, error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ocr, pageNumber, mode]);
  const ocrWords = ocr && ocrText?.source === ocr ? ocrText.text : null;

  useEffect(() => {
    const state = textLayer.current;
    if (!state || state.scale === scale) return;
    let cancelled = false;
    cache.page(pageNumber).then(
      (page) => {
        if (cancelled || textLayer.current !== state) return;
        state.layer.update({ viewport: page.getViewport({ scale }) });
        state.scale = scale;
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [cache, pageNumber, scale, textVersion]);

  // Hits: re-marked when the marks or the text layer change.
  useEffect(() => {
    const state = textLayer.current;
    if (!state) return;
    markTextLayer(state.layer.textDivs as HTMLElement[], state.data.runs, state.data.pageText, ranges ?? [], state.marked);
  }, [ranges, textVersion]);

  useEffect(() => {
    const state = textLayer.current;
    if (!state) return;
    const element = markCurrentHit(state.div, currentHit);
    if (element && scrollToken !== 0 && scrollToken !== handledToken.current) {
      handledToken.current = scrollToken;
      const scroller = element.closest<HTMLElement>('.viewer-scroll');
      if (scroller) scrollToCenter(element, scroller);
    }
  }, [ranges, textVersion, currentHit, scrollToken]);

  // The OCR layer marks its current hit itself (React); here it is only brought into view.
  useEffect(() => {
    if (!ocrWords || scrollToken === 0 || scrollToken === handledToken.current) return;
    const element = pageRef.current?.querySelector<HTMLElement>(`.viewer-ocr-layer .${CURRENT_HIT_CLASS}`);
    const scroller = element?.closest<HTMLElement>('.viewer-scroll');
    if (!element || !scroller) return;
    handledToken.current = scrollToken;
    scrollToCenter(element, scroller);
  }, [ocrWords, ranges, currentHit, scrollToken]);

  const style = {
    width: `${Math.floor(width * scale)}px`,
    height: `${Math.floor(height * scale)}px`,
    '--total-scale-factor': String(scale),
  } as CSSProperties;

  return (
    <div
      ref={pageRef}
      className="viewer-page"
      data-page-number={pageNumber}
      data-rendered={rendered ? 'true' : undefined}
      data-ocr={isOcr ? 'true' : undefined}
      data-has-hits={ranges && ranges.length > 0 ? 'true' : undefined}
      role="group"
      aria-label={label}
      style={style}
    >
      <div className="viewer-canvas-host" ref={canvasHost} />
      <div className="viewer-text-host" ref={textHost} />
      {ocrWords && <OcrLayer page={ocrWords} ranges={ranges} currentHit={currentHit} />}
      {!rendered && !failed && <span className="viewer-page-number" aria-hidden="true">{pageNumber}</span>}
      {failed && (
        <p className="viewer-page-error" role="alert">
          {errorText}
        </p>
      )}
    </div>
  );
});
