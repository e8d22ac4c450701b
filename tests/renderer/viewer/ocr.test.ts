import { describe, expect, it, vi } from 'vitest';
import type { OcrWord, PageOcr } from '../../../shared/domain/ocr';
import { createHighlighter } from '../../../shared/search/highlight';
import { joinOcrWords, ocrHitRanges, OcrTextCache, uprightBox, wordHitNumbers } from '../../../renderer/src/viewer/ocr';

const word = (text: string, x0: number, y0: number, x1: number, y1: number): OcrWord => ({ text, x0, y0, x1, y1, confidence: 90 });

function page(words: OcrWord[], rotation: PageOcr['rotation'] = 0): PageOcr {
  return { pageNo: 1, words, confidence: 90, languages: ['kaz', 'rus'], rotation, reason: 'no-text', recognizedAt: '2026-01-01T00:00:00Z' };
}

/** Two lines of a scanned protocol, in the recogniser's reading order. */
const PROTOCOL = page([
  word('Қоғамдық', 0.1, 0.1, 0.25, 0.13),
  word('кеңесінің', 0.27, 0.1, 0.42, 0.13),
  word('№5', 0.44, 0.105, 0.48, 0.13),
  word('протокола', 0.1, 0.15, 0.28, 0.18),
  word(' ', 0.29, 0.15, 0.3, 0.18),
  word('отырысы', 0.31, 0.152, 0.45, 0.18),
]);

const highlight = (query: string) => {
  const highlighter = createHighlighter(query);
  if (!highlighter) throw new Error(`no highlighter for ${query}`);
  return highlighter;
};

describe('joinOcrWords', () => {
  it('joins words of a line with spaces and lines with a line break, dropping empty words', () => {
    const text = joinOcrWords(PROTOCOL);
    expect(text.text).toBe('Қоғамдық кеңесінің №5\nпротокола отырысы');
    expect(text.words.map((each) => each.text)).toEqual(['Қоғамдық', 'кеңесінің', '№5', 'протокола', 'отырысы']);
    expect(text.starts).toEqual([0, 9, 19, 22, 32]);
  });

  it('finds the lines of a page read sideways', () => {
    // The scan lay turned: its lines run up the displayed page (the recogniser turned it 90°).
    const sideways = page(
      [
        word('бірінші', 0.1, 0.6, 0.13, 0.9),
        word('жол', 0.1, 0.45, 0.13, 0.58),
        word('екінші', 0.15, 0.62, 0.18, 0.9),
      ],
      90,
    );
    expect(joinOcrWords(sideways).text).toBe('бірінші жол\nекінші');
    const upright = uprightBox({ x0: 0.1, y0: 0.6, x1: 0.13, y1: 0.9 }, 90);
    expect([upright.x0, upright.y0, upright.x1, upright.y1].map((n) => Number(n.toFixed(6)))).toEqual([0.1, 0.1, 0.4, 0.13]);
  });
});

describe('OCR hits', () => {
  it('marks inflected and Russian-keyboard forms as whole words, like the text layer matches', () => {
    const text = joinOcrWords(PROTOCOL);
    const protocol = ocrHitRanges(text, highlight('протокол'));
    expect(protocol.map((range) => text.text.slice(range.start, range.end))).toEqual(['протокола']);
    expect(wordHitNumbers(text, protocol)).toEqual([null, null, null, 0, null]);
    // "кенес" is "кеңес" typed on a Russian keyboard.
    const council = ocrHitRanges(text, highlight('кенес'));
    expect(council.map((range) => text.text.slice(range.start, range.end))).toEqual(['кеңесінің']);
    expect(ocrHitRanges(text, highlight('шешім'))).toEqual([]);
  });

  it('counts a word with two matches once', () => {
    const text = joinOcrWords(page([word('іс-шаралардың', 0.1, 0.1, 0.4, 0.13), word('жоспары', 0.42, 0.1, 0.6, 0.13)]));
    const hits = ocrHitRanges(text, highlight('іс-шара'));
    expect(hits).toEqual([{ start: 0, end: 13 }]);
    expect(wordHitNumbers(text, hits)).toEqual([0, null]);
  });

  it('numbers the hit words of a page in order', () => {
    const text = joinOcrWords(page([word('Кеңес', 0.1, 0.1, 0.2, 0.13), word('және', 0.22, 0.1, 0.3, 0.13), word('кеңестің', 0.32, 0.1, 0.45, 0.13)]));
    const hits = ocrHitRanges(text, highlight('кеңес'));
    expect(wordHitNumbers(text, hits)).toEqual([0, null, 1]);
  });
});

describe('OcrTextCache', () => {
  it('fetches a page once, only for OCR pages, and again after a failure', async () => {
    const fetch = vi
      .fn<(pageNo: number, signal: AbortSignal) => Promise<PageOcr | null>>()
      .mockRejectedValueOnce(new Error('core busy'))
      .mockResolvedValue(PROTOCOL);
    const cache = new OcrTextCache([1, 3], fetch);
    expect(cache.has(1)).toBe(true);
    expect(cache.has(2)).toBe(false);
    expect(await cache.text(2)).toBeNull();
    await expect(cache.text(1)).rejects.toThrow('core busy');
    const [first, second] = await Promise.all([cache.text(1), cache.text(1)]);
    expect(first?.text).toBe('Қоғамдық кеңесінің №5\nпротокола отырысы');
    expect(second).toBe(first);
    expect(fetch.mock.calls.map(([pageNo]) => pageNo)).toEqual([1, 1]);
  });

  it('aborts requests in flight and stays usable', async () => {
    const signals: AbortSignal[] = [];
    const cache = new OcrTextCache([1], (_pageNo, signal) => {
      signals.push(signal);
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        setTimeout(() => resolve(PROTOCOL), 20);
      });
    });
    const pending = cache.text(1);
    cache.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect((await cache.text(1))?.words).toHaveLength(5);
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });
});
