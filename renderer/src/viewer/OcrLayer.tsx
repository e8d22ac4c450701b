/**
 * The recognised words of a scanned page laid over its picture: each word an invisible,
 * selectable span on its box, so the user can select and copy the scan's text, and the words the
 * query hits marked like hits of the pdf.js text layer (`.viewer-hit`, current one outlined).
 *
 * Boxes are percentages of the page and font sizes container-query units of the layer, so the
 * words follow zoom with no re-render. Each word's text is stretched to its box width once
 * (scaleX): the ratio does not change with zoom, only when the page's proportions do.
 */
import { Fragment, memo, useLayoutEffect, useMemo, useRef, type ClipboardEvent, type CSSProperties, type ReactNode } from 'react';
import type { Range } from './hits';
import { CURRENT_HIT_CLASS, HIT_CLASS } from './marks';
import { wordHitNumbers, type OcrPageText, type OcrRotation } from './ocr';

export const OCR_WORD_CLASS = 'viewer-ocr-word';

export interface OcrLayerProps {
  page: OcrPageText;
  /** The page's hits over `page.text` (from `ocrHitRanges`), or undefined while not scanned. */
  ranges: readonly Range[] | undefined;
  /** Number of the current hit if it is on this page. */
  currentHit: number | null;
}

const percent = (fraction: number): string => `${(Math.min(Math.max(fraction, 0), 1) * 100).toFixed(3)}%`;

/** Lines of a page read sideways run up or down: the word's thickness is then its box's width. */
const isSideways = (rotation: OcrRotation): boolean => rotation === 90 || rotation === 270;

function wordStyle(page: OcrPageText, index: number): CSSProperties {
  const word = page.words[index];
  if (!word) return {};
  const width = Math.max(word.x1 - word.x0, 0);
  const height = Math.max(word.y1 - word.y0, 0);
  return {
    left: percent(word.x0),
    top: percent(word.y0),
    width: percent(width),
    height: percent(height),
    // The glyphs are as tall as the box (as wide on a sideways page), in percent of the page:
    // viewer.css turns it into a font size in container units of the layer.
    '--ocr-size': ((isSideways(page.rotation) ? width : height) * 100).toFixed(3),
  } as CSSProperties;
}

/**
 * Stretches each word's text to the length of its box. All sizes are read before any is
 * written, so the page is laid out once.
 */
function fitWords(layer: HTMLElement, sideways: boolean): void {
  const words = [...layer.querySelectorAll<HTMLElement>(`.${OCR_WORD_CLASS}`)];
  const scales = words.map((word) => {
    const text = word.firstElementChild as HTMLElement | null;
    const natural = text?.offsetWidth ?? 0;
    const target = sideways ? word.offsetHeight : word.offsetWidth;
    return natural > 0 && target > 0 ? target / natural : null;
  });
  words.forEach((word, index) => {
    const scale = scales[index];
    const text = word.firstElementChild as HTMLElement | null;
    if (text && scale !== null && scale !== undefined) text.style.setProperty('--ocr-scale-x', scale.toFixed(4));
  });
}

/**
 * The selected part of the page text: from the first to the last word the selection touches,
 * cut at the selection's ends inside them. Null when the selection does not touch a word.
 */
export function selectedOcrText(layer: HTMLElement, range: globalThis.Range, page: OcrPageText): string | null {
  const spans = [...layer.querySelectorAll<HTMLElement>(`.${OCR_WORD_CLASS}`)].filter((span) => range.intersectsNode(span));
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return null;
  const indexOf = (span: HTMLElement): number => Number(span.dataset.word);
  // A selection end inside a word's text node cuts the word there; elsewhere the word is whole.
  const offsetIn = (span: HTMLElement, node: Node, offset: number, whole: number): number =>
    node.nodeType === Node.TEXT_NODE && span.contains(node) ? offset : whole;
  const firstIndex = indexOf(first);
  const lastIndex = indexOf(last);
  const start = (page.starts[firstIndex] ?? 0) + offsetIn(first, range.startContainer, range.startOffset, 0);
  const end = (page.starts[lastIndex] ?? 0) + offsetIn(last, range.endContainer, range.endOffset, page.words[lastIndex]?.text.length ?? 0);
  return end > start ? page.text.slice(start, end) : null;
}

export const OcrLayer = memo(function OcrLayer(props: OcrLayerProps): ReactNode {
  const { page, ranges, currentHit } = props;
  const layerRef = useRef<HTMLDivElement>(null);
  const hits = useMemo(() => wordHitNumbers(page, ranges ?? []), [page, ranges]);
  const sideways = isSideways(page.rotation);

  // Fit once the words are in, and again only when the page's proportions change (a page laid
  // out at the first page's size until its own is known), never on zoom.
  useLayoutEffect(() => {
    const layer = layerRef.current;
    if (!layer) return undefined;
    fitWords(layer, sideways);
    if (typeof ResizeObserver === 'undefined') return undefined;
    let aspect = layer.clientWidth / (layer.clientHeight || 1);
    const observer = new ResizeObserver(() => {
      const next = layer.clientWidth / (layer.clientHeight || 1);
      if (Math.abs(next - aspect) <= aspect * 0.005) return;
      aspect = next;
      fitWords(layer, sideways);
    });
    observer.observe(layer);
    return () => observer.disconnect();
  }, [page, sideways]);

  // Copying inside the page gives the words in reading order with their spaces and line breaks
  // (the browser would run absolutely placed words together). A selection reaching beyond this
  // page is left to the browser.
  const onCopy = (event: ClipboardEvent<HTMLDivElement>): void => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    if (!event.currentTarget.contains(range.commonAncestorContainer)) return;
    const text = selectedOcrText(event.currentTarget, range, page);
    if (text === null) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  };

  const style = { '--ocr-rotate': `${-page.rotation}deg` } as CSSProperties;
  return (
    <div className="viewer-ocr-layer" ref={layerRef} style={style} data-sideways={sideways ? 'true' : undefined} onCopy={onCopy}>
      {page.words.map((word, index) => {
        const hit = hits[index] ?? null;
        const classes = [OCR_WORD_CLASS];
        if (hit !== null) classes.push(HIT_CLASS);
        if (hit !== null && hit === currentHit) classes.push(CURRENT_HIT_CLASS);
        const next = page.starts[index + 1];
        return (
          <Fragment key={index}>
            <span className={classes.join(' ')} data-word={index} data-hit={hit ?? undefined} style={wordStyle(page, index)}>
              <span className="viewer-ocr-text">{word.text}</span>
            </span>
            {/* The separator as in the page text (space or line break): read aloud and found by the DOM's own text. */}
            {next !== undefined && page.text.slice((page.starts[index] ?? 0) + word.text.length, next)}
          </Fragment>
        );
      })}
    </div>
  );
});
