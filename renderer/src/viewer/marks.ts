/**
 * Marks hits in a pdf.js text layer: the matched part of each text-layer span is wrapped in a
 * `<span class="viewer-hit" data-hit="k">`. The wrapper sits inside the positioned, scaled span
 * pdf.js made for the text item, so it inherits its font size and horizontal scale and lines up
 * with the glyphs on the canvas below; selecting and copying text is unaffected.
 */
import { segmentsByItem, splitText, type PageText, type Range, type TextRun } from './hits';

export const HIT_CLASS = 'viewer-hit';
export const CURRENT_HIT_CLASS = 'viewer-hit-current';

/**
 * Replaces the marks of a page. `divs[i]` is the text-layer span of `runs[i]`; `marked` holds the
 * spans marked last time (they are restored first) and is updated in place.
 */
export function markTextLayer(
  divs: readonly HTMLElement[],
  runs: readonly TextRun[],
  pageText: PageText,
  ranges: readonly Range[],
  marked: Set<number>,
): void {
  for (const index of marked) {
    const div = divs[index];
    const run = runs[index];
    if (div && run) div.textContent = run.str;
  }
  marked.clear();
  const segments = segmentsByItem(runs, pageText, ranges);
  for (const [index, itemSegments] of segments) {
    const div = divs[index];
    const run = runs[index];
    if (!div || !run) continue;
    const doc = div.ownerDocument;
    const nodes = splitText(run.str, itemSegments).map((piece) => {
      if (piece.hit === null) return doc.createTextNode(piece.text);
      const span = doc.createElement('span');
      span.className = HIT_CLASS;
      span.dataset.hit = String(piece.hit);
      span.textContent = piece.text;
      return span;
    });
    div.replaceChildren(...nodes);
    marked.add(index);
  }
}

/** Flags hit number `current` (null = none) as the current one; returns its first element. */
export function markCurrentHit(root: ParentNode, current: number | null): HTMLElement | null {
  let first: HTMLElement | null = null;
  for (const element of root.querySelectorAll<HTMLElement>(`.${HIT_CLASS}`)) {
    const isCurrent = current !== null && element.dataset.hit === String(current);
    element.classList.toggle(CURRENT_HIT_CLASS, isCurrent);
    if (isCurrent && !first) first = element;
  }
  return first;
}
