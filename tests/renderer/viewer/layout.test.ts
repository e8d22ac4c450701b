import { describe, expect, it } from 'vitest';
import { classifyLoadError } from '../../../renderer/src/viewer/errors';
import {
  COLUMN_PADDING,
  CSS_UNITS,
  fitWidthZoom,
  mostVisiblePage,
  outputScale,
  PAGE_GAP,
  pageTops,
  visibleRange,
  zoomInStep,
  zoomOutStep,
} from '../../../renderer/src/viewer/layout';
import { PRIORITY, RenderQueue } from '../../../renderer/src/viewer/queue';

describe('zoom', () => {
  it('steps through the zoom levels and stops at the ends', () => {
    expect(zoomInStep(1)).toBe(1.1);
    expect(zoomOutStep(1)).toBe(0.9);
    expect(zoomInStep(1.02)).toBe(1.1);
    expect(zoomOutStep(1.02)).toBe(1);
    expect(zoomInStep(4)).toBe(4);
    expect(zoomOutStep(0.25)).toBe(0.25);
  });

  it('fits an A4 page (595 pt) to the pane width', () => {
    const zoom = fitWidthZoom(1000, 595);
    expect(595 * CSS_UNITS * zoom).toBeCloseTo(1000 - 2 * COLUMN_PADDING);
    expect(fitWidthZoom(0, 595)).toBe(1);
  });
});

describe('page geometry', () => {
  const heights = [1000, 1000, 500, 1000];
  const tops = pageTops(heights);

  it('stacks pages with the gap', () => {
    expect(tops).toEqual([COLUMN_PADDING, COLUMN_PADDING + 1000 + PAGE_GAP, COLUMN_PADDING + 2000 + 2 * PAGE_GAP, COLUMN_PADDING + 2500 + 3 * PAGE_GAP]);
  });

  it('finds the pages in the viewport', () => {
    expect(visibleRange(tops, heights, 0, 700)).toEqual({ first: 0, last: 0 });
    expect(visibleRange(tops, heights, 900, 700)).toEqual({ first: 0, last: 1 });
    expect(visibleRange(tops, heights, 2050, 800)).toEqual({ first: 2, last: 3 });
    expect(visibleRange([], [], 0, 700)).toEqual({ first: 0, last: -1 });
  });

  it('takes the most visible page as the current one', () => {
    expect(mostVisiblePage(tops, heights, 900, 700)).toBe(1);
    expect(mostVisiblePage(tops, heights, 600, 700)).toBe(0);
  });

  it('lowers the canvas resolution of huge pages', () => {
    expect(outputScale(800, 1100, 2)).toBe(2);
    const scale = outputScale(4000, 5600, 2);
    expect(4000 * 5600 * scale * scale).toBeLessThanOrEqual(16_777_216 + 1);
  });
});

describe('RenderQueue', () => {
  it('starts visible pages before neighbours and thumbnails', async () => {
    const queue = new RenderQueue(2);
    const started: string[] = [];
    const visible = await queue.acquire(PRIORITY.visible);
    started.push('visible');
    const thumbnail = queue.acquire(PRIORITY.thumbnail).then((release) => {
      started.push('thumbnail');
      return release;
    });
    const nearby = queue.acquire(PRIORITY.nearby).then((release) => {
      started.push('nearby');
      return release;
    });
    await Promise.resolve();
    // A visible page is drawing: nothing less urgent may start beside it.
    expect(started).toEqual(['visible']);
    visible();
    (await nearby)();
    (await thumbnail)();
    expect(started).toEqual(['visible', 'nearby', 'thumbnail']);
    expect(queue.running).toBe(0);
  });

  it('drops a waiting task when it is aborted', async () => {
    const queue = new RenderQueue(1);
    const first = await queue.acquire(PRIORITY.visible);
    const abort = new AbortController();
    const waiting = queue.acquire(PRIORITY.visible, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(queue.waiting).toBe(0);
    first();
  });
});

describe('classifyLoadError', () => {
  it('maps pdf.js failures to the message the user gets', () => {
    expect(classifyLoadError({ name: 'PasswordException', message: 'No password given' })).toBe('password');
    expect(classifyLoadError({ name: 'InvalidPDFException', message: 'Invalid PDF structure.' })).toBe('invalid');
    expect(classifyLoadError({ name: 'ResponseException', status: 404 })).toBe('missing');
    expect(classifyLoadError({ name: 'ResponseException', status: 500 })).toBe('network');
    expect(classifyLoadError(new TypeError('Failed to fetch'))).toBe('network');
    expect(classifyLoadError(new Error('boom'))).toBe('generic');
    expect(classifyLoadError(null)).toBe('generic');
  });
});
