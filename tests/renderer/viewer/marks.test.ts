// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createHighlighter } from '../../../shared/search/highlight';
import { joinTextRuns, normalizeRanges, type TextRun } from '../../../renderer/src/viewer/hits';
import { markCurrentHit, markTextLayer } from '../../../renderer/src/viewer/marks';

/** A stand-in for a pdf.js text layer: one span per text item. */
function textLayer(runs: TextRun[]): { root: HTMLDivElement; divs: HTMLElement[] } {
  const root = document.createElement('div');
  const divs = runs.map((run) => {
    const span = document.createElement('span');
    span.textContent = run.str;
    root.append(span);
    return span;
  });
  return { root, divs };
}

describe('markTextLayer', () => {
  const runs: TextRun[] = [
    { str: 'Қоғамдық кеңестің ', hasEOL: false },
    { str: 'отырысы', hasEOL: true },
    { str: 'Кеңесінің төрағасы', hasEOL: false },
  ];
  const pageText = joinTextRuns(runs);
  const rangesFor = (query: string) => normalizeRanges(createHighlighter(query)!(pageText.text), pageText.text.length);

  it('wraps the hits and keeps the text of every span intact', () => {
    const { root, divs } = textLayer(runs);
    const marked = new Set<number>();
    markTextLayer(divs, runs, pageText, rangesFor('кеңес'), marked);
    const hits = [...root.querySelectorAll<HTMLElement>('.viewer-hit')];
    expect(hits.map((hit) => [hit.textContent, hit.dataset.hit])).toEqual([
      ['кеңестің', '0'],
      ['Кеңесінің', '1'],
    ]);
    expect(divs.map((div) => div.textContent)).toEqual(runs.map((run) => run.str));
    expect([...marked]).toEqual([0, 2]);
  });

  it('replaces old marks and flags the current hit', () => {
    const { root, divs } = textLayer(runs);
    const marked = new Set<number>();
    markTextLayer(divs, runs, pageText, rangesFor('кеңес'), marked);
    markTextLayer(divs, runs, pageText, rangesFor('отырыс'), marked);
    expect([...root.querySelectorAll('.viewer-hit')].map((hit) => hit.textContent)).toEqual(['отырысы']);
    expect(divs[0]?.childElementCount).toBe(0);
    const current = markCurrentHit(root, 0);
    expect(current?.classList.contains('viewer-hit-current')).toBe(true);
    expect(markCurrentHit(root, null)).toBeNull();
    expect(root.querySelectorAll('.viewer-hit-current')).toHaveLength(0);
  });
});
