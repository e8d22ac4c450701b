/**
 * Pure geometry of the PDF viewer: zoom steps, fit-width, where each page sits in the scrolled
 * column and which pages are on screen. Kept apart from React and pdf.js so it is unit-tested.
 */

/** PDF points to CSS pixels: zoom 1 ("actual size") shows a page at its printed size. */
export const CSS_UNITS = 96 / 72;

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 4;

/** Vertical gap between pages and the padding around the column, in CSS pixels. */
export const PAGE_GAP = 16;
export const COLUMN_PADDING = 20;

export type ZoomSetting = { mode: 'fit-width' } | { mode: 'custom'; zoom: number };

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The next step above `zoom` (a small epsilon so 1.0999 → 1.1 does not count as a step). */
export function zoomInStep(zoom: number): number {
  return ZOOM_STEPS.find((step) => step > zoom + 0.005) ?? MAX_ZOOM;
}

export function zoomOutStep(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((step) => step < zoom - 0.005) ?? MIN_ZOOM;
}

/** The zoom at which a page `pageWidthPt` points wide fills `containerWidth` CSS pixels. */
export function fitWidthZoom(containerWidth: number, pageWidthPt: number): number {
  if (containerWidth <= 0 || pageWidthPt <= 0) return 1;
  const available = containerWidth - 2 * COLUMN_PADDING;
  return clampZoom(available / (pageWidthPt * CSS_UNITS));
}

/** Top offset of every page in the column (page i at tops[i]), given their heights. */
export function pageTops(heights: readonly number[]): number[] {
  const tops: number[] = [];
  let y = COLUMN_PADDING;
  for (const height of heights) {
    tops.push(y);
    y += height + PAGE_GAP;
  }
  return tops;
}

/** Index of the last page whose top is at or above `y` (binary search; tops are ascending). */
function pageAt(tops: readonly number[], y: number): number {
  let low = 0;
  let high = tops.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((tops[mid] ?? 0) <= y) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/** 0-based first and last page that intersect the viewport [scrollTop, scrollTop + height). */
export function visibleRange(
  tops: readonly number[],
  heights: readonly number[],
  scrollTop: number,
  viewportHeight: number,
): { first: number; last: number } {
  if (tops.length === 0) return { first: 0, last: -1 };
  let first = pageAt(tops, scrollTop);
  // The gap above a page belongs to no page: skip a page that ends before the viewport.
  if ((tops[first] ?? 0) + (heights[first] ?? 0) <= scrollTop && first < tops.length - 1) first++;
  const last = pageAt(tops, scrollTop + Math.max(0, viewportHeight - 1));
  return { first, last: Math.max(first, last) };
}

/** 0-based page with the most visible area (the earlier one on a tie): the "current" page. */
export function mostVisiblePage(
  tops: readonly number[],
  heights: readonly number[],
  scrollTop: number,
  viewportHeight: number,
): number {
  const { first, last } = visibleRange(tops, heights, scrollTop, viewportHeight);
  let best = first;
  let bestArea = -1;
  for (let i = first; i <= last; i++) {
    const top = tops[i] ?? 0;
    const visible = Math.min(top + (heights[i] ?? 0), scrollTop + viewportHeight) - Math.max(top, scrollTop);
    if (visible > bestArea) {
      bestArea = visible;
      best = i;
    }
  }
  return best;
}

/**
 * Canvas backing-store scale: the device pixel ratio, lowered when a huge zoom would make the
 * canvas bigger than `maxPixels` (browsers fail or blank out on giant canvases).
 */
export function outputScale(cssWidth: number, cssHeight: number, devicePixelRatio: number, maxPixels = 16_777_216): number {
  const ratio = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const pixels = cssWidth * cssHeight * ratio * ratio;
  if (pixels <= maxPixels || pixels === 0) return ratio;
  return Math.sqrt(maxPixels / (cssWidth * cssHeight));
}
