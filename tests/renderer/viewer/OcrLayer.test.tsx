// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OcrWord, PageOcr } from '../../../shared/domain/ocr';
import { createHighlighter } from '../../../shared/search/highlight';
import { OcrLayer, selectedOcrText } from '../../../renderer/src/viewer/OcrLayer';
import { joinOcrWords, ocrHitRanges, type OcrPageText } from '../../../renderer/src/viewer/ocr';

const word = (text: string, x0: number, y0: number, x1: number, y1: number): OcrWord => ({ text, x0, y0, x1, y1, confidence: 88 });

const PAGE: PageOcr = {
  pageNo: 1,
  words: [
    word('Қоғамдық', 0.1, 0.1, 0.25, 0.13),
    word('кеңесінің', 0.27, 0.1, 0.42, 0.13),
    word('протокола', 0.1, 0.15, 0.28, 0.18),
    word('№5', 0.3, 0.15, 0.34, 0.18),
  ],
  confidence: 88,
  languages: ['kaz', 'rus'],
  rotation: 0,
  reason: 'no-text',
  recognizedAt: '2026-01-01T00:00:00Z',
};

function renderLayer(text: OcrPageText, query: string | null, currentHit: number | null = null) {
  const highlighter = query ? createHighlighter(query) : null;
  const ranges = highlighter ? ocrHitRanges(text, highlighter) : undefined;
  return render(<OcrLayer page={text} ranges={ranges} currentHit={currentHit} />);
}

const words = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.viewer-ocr-word')];
const marked = (): string[] => [...document.querySelectorAll('.viewer-hit')].map((element) => element.textContent ?? '');

afterEach(cleanup);

describe('OcrLayer', () => {
  it('places every word on its box, in percent of the page, with the box height as its size', () => {
    renderLayer(joinOcrWords(PAGE), null);
    const spans = words();
    expect(spans.map((span) => span.textContent)).toEqual(['Қоғамдық', 'кеңесінің', 'протокола', '№5']);
    const second = spans[1];
    expect(second?.style.left).toBe('27.000%');
    expect(second?.style.top).toBe('10.000%');
    expect(second?.style.width).toBe('15.000%');
    expect(second?.style.height).toBe('3.000%');
    expect(second?.style.getPropertyValue('--ocr-size')).toBe('3.000');
    expect(spans[2]?.style.top).toBe('15.000%');
    // The DOM's own text reads like the page: spaces within a line, a break between lines.
    expect(document.querySelector('.viewer-ocr-layer')?.textContent).toBe('Қоғамдық кеңесінің\nпротокола №5');
    expect(marked()).toEqual([]);
  });

  it('marks the words the query matches, inflected forms included, and only those', () => {
    renderLayer(joinOcrWords(PAGE), 'протокол', 0);
    expect(marked()).toEqual(['протокола']);
    const hit = document.querySelector<HTMLElement>('.viewer-hit');
    expect(hit?.classList.contains('viewer-ocr-word')).toBe(true);
    expect(hit?.classList.contains('viewer-hit-current')).toBe(true);
    expect(hit?.dataset.hit).toBe('0');
  });

  it('marks Kazakh words typed on a Russian keyboard, and moves the current hit', () => {
    const text: OcrPageText = joinOcrWords({ ...PAGE, words: [...PAGE.words, word('Кеңес', 0.1, 0.2, 0.2, 0.23)] });
    const view = renderLayer(text, 'кенес', null);
    expect(marked()).toEqual(['кеңесінің', 'Кеңес']);
    expect(document.querySelectorAll('.viewer-hit-current')).toHaveLength(0);
    const ranges = ocrHitRanges(text, createHighlighter('кенес') ?? (() => []));
    view.rerender(<OcrLayer page={text} ranges={ranges} currentHit={1} />);
    expect([...document.querySelectorAll('.viewer-hit-current')].map((element) => element.textContent)).toEqual(['Кеңес']);
  });

  it('turns the words of a page read sideways and sizes them by the box width', () => {
    const sideways: PageOcr = { ...PAGE, rotation: 90, words: [word('жол', 0.1, 0.45, 0.13, 0.58)] };
    renderLayer(joinOcrWords(sideways), null);
    const layer = document.querySelector<HTMLElement>('.viewer-ocr-layer');
    expect(layer?.dataset.sideways).toBe('true');
    expect(layer?.style.getPropertyValue('--ocr-rotate')).toBe('-90deg');
    expect(words()[0]?.style.getPropertyValue('--ocr-size')).toBe('3.000');
  });

  it('copies a selection as the page text, cut inside the first and last word', () => {
    const text = joinOcrWords(PAGE);
    renderLayer(text, null);
    const layer = document.querySelector<HTMLElement>('.viewer-ocr-layer');
    const textOf = (index: number): Node => {
      const node = words()[index]?.querySelector('.viewer-ocr-text')?.firstChild;
      if (!node) throw new Error(`no text in word ${index}`);
      return node;
    };
    const range = document.createRange();
    range.setStart(textOf(1), 3);
    range.setEnd(textOf(2), 8);
    expect(layer && selectedOcrText(layer, range, text)).toBe('есінің\nпротокол');
  });
});
